import Foundation
import Reconciler

/// A configured target ready to send: its secrets read, its template compiled. Building one
/// checks everything a send needs, so a missing variable fails `mooring run` at start, naming
/// the target and the variable, instead of failing every message later.
public struct ResolvedTarget: Sendable {
    public let configuration: NotificationTarget
    /// The webhook URL, or the API token for commit statuses: never printed.
    let secret: String
    let signingKey: [UInt8]?
    let template: NotificationTemplate?

    public var name: String { configuration.name }

    /// - Parameter environment: the process's environment variables.
    public init(_ target: NotificationTarget, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        configuration = target
        let source = target.kind.isCommitStatus ? target.token : target.url
        guard let source else { throw NotifyError.missingSecret(target: target.name, what: target.kind.isCommitStatus ? "token" : "URL") }
        secret = try Self.read(source, target: target.name, environment: environment)
        signingKey = try target.signingSecret.map { Array(try Self.read($0, target: target.name, environment: environment).utf8) }
        if let configured = target.template {
            let escaping: NotificationTemplate.Escaping = switch target.kind {
            case .slack: .slack
            case .webhook: .json
            default: .none
            }
            do {
                template = try NotificationTemplate(configured.text, escaping: escaping)
            } catch let error as NotificationTemplateError {
                let line = configured.line.map { $0 + error.line - 1 }
                throw ConfigurationError(problems: [ConfigurationProblem(
                    file: configured.file, line: line,
                    message: "the template of notification \"\(target.name)\" does not parse: column \(error.column): \(error.reason)")])
            }
        } else {
            template = nil
        }
    }

    /// The request that tells `event`, `nil` when this type has nothing to say about it.
    func request(for event: NotificationEvent) -> NotificationRequest? {
        switch configuration.kind {
        case .slack: return NotificationRequest(url: secret, json: SlackMessage.payload(for: event, body: template))
        case .discord: return NotificationRequest(url: secret, json: DiscordMessage.payload(for: event, body: template))
        case .teams: return NotificationRequest(url: secret, json: TeamsMessage.payload(for: event, body: template))
        case .webhook: return WebhookMessage.request(for: event, url: secret, secret: signingKey, template: template)
        case .githubStatus, .gitlabStatus:
            guard let state = CommitStatusMessage.state(for: event.kind) else { return nil }
            return statusRequest(state: state, revision: event.revision, environment: event.environment,
                                 description: template?.render(event) ?? CommitStatusMessage.description(for: event),
                                 targetURL: event.links.dashboard ?? event.links.commit)
        }
    }

    /// For commit statuses: `pending` as an apply of `revision` starts.
    func pendingRequest(revision: String, environment: String, links: NotificationEvent.Links) -> NotificationRequest? {
        guard configuration.kind.isCommitStatus, configuration.environments?.contains(environment) ?? true else { return nil }
        return statusRequest(state: .pending, revision: revision, environment: environment,
                             description: "Applying to \(environment)", targetURL: links.dashboard ?? links.commit)
    }

    private func statusRequest(state: CommitStatusMessage.State, revision: String, environment: String,
                               description: String, targetURL: String?) -> NotificationRequest {
        CommitStatusMessage.request(kind: configuration.kind, apiURL: configuration.apiURL, repository: configuration.repository ?? "",
                                    token: secret, revision: revision, environment: environment, state: state,
                                    description: description, targetURL: targetURL)
    }

    private static func read(_ source: NotificationTarget.SecretSource, target: String, environment: [String: String]) throws -> String {
        switch source {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { throw NotifyError.unsetVariable(target: target, variable: name) }
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw NotifyError.unreadableFile(target: target, path: path)
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

/// Why notifications cannot start: named by target, never showing a secret.
public enum NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingSecret(target: String, what: String)
    case unsetVariable(target: String, variable: String)
    case unreadableFile(target: String, path: String)
    case unknownTarget(String, known: [String])

    public var description: String {
        switch self {
        case let .missingSecret(target, what): return "notification \"\(target)\" has no \(what) configured"
        case let .unsetVariable(target, variable): return "notification \"\(target)\": environment variable \(variable) is not set"
        case let .unreadableFile(target, path): return "notification \"\(target)\": cannot read \(path)"
        case let .unknownTarget(name, known):
            return "no notification target \"\(name)\" (configured: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        }
    }
}
