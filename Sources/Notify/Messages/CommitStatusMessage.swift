import Foundation
import Manifests
import Reconciler

/// A commit status in the forge, context `mooring/<environment>`: `pending` while a revision is
/// being applied, `success` once it is Synced and Healthy, `failure` when it failed, turned
/// Degraded or was rolled back (on the commit rolled back), `error` when a sync was interrupted.
///
/// - GitHub: `POST {apiURL}/repos/{owner}/{repo}/statuses/{sha}` with `{"state", "target_url",
///   "description", "context"}` (docs.github.com/rest/commits/statuses, "Create a commit
///   status"); states error, failure, pending, success; a description over 140 characters is
///   refused with 422, so it is cut there. Bearer token, `Accept: application/vnd.github+json`,
///   `X-GitHub-Api-Version: 2022-11-28`, and a User-Agent as GitHub requires.
/// - GitLab: `POST {apiURL}/projects/:id/statuses/:sha` with `{"state", "name", "target_url",
///   "description"}` (docs.gitlab.com/api/commits, "Set the pipeline status of a commit"); `:id`
///   is the project's id or URL-encoded path; states pending, running, success, failed,
///   canceled; `PRIVATE-TOKEN` header.
enum CommitStatusMessage {
    enum State: String, Sendable {
        case pending, success, failure, error
    }

    static let githubAPI = "https://api.github.com"
    static let gitlabAPI = "https://gitlab.com/api/v4"
    static let githubDescriptionLimit = 140
    static let gitlabDescriptionLimit = 255

    /// The state an event sets on its revision, `nil` for events that say nothing about a commit.
    static func state(for kind: NotificationEventKind) -> State? {
        switch kind {
        case .syncSucceeded, .rollback, .healthRecovered: return .success
        case .syncFailed, .healthDegraded, .autoRollback: return .failure
        case .interrupted: return .error
        case .driftDetected, .selfHealed, .pruneBlocked, .conflict: return nil
        }
    }

    static func context(_ environment: String) -> String { "mooring/\(environment)" }

    /// `Synced and Healthy`, `Degraded: Deployment.apps web/django: …`, `rolled back to 0f9e8d7`.
    static func description(for event: NotificationEvent) -> String {
        switch event.kind {
        case .syncSucceeded, .rollback, .healthRecovered: return "Synced and Healthy in \(event.environment)"
        case .autoRollback: return "Degraded in \(event.environment); rolled back to \((event.rolledBackTo ?? "?").prefix(7))"
        default: return event.summary
        }
    }

    static func request(kind: NotificationTarget.Kind, apiURL: String?, repository: String, token: String, revision: String,
                        environment: String, state: State, description: String, targetURL: String?) -> NotificationRequest {
        var body = JSONObject()
        let url: String
        var headers: [(name: String, value: String)] = [("User-Agent", "mooring")]
        if kind == .gitlabStatus {
            let base = (apiURL ?? gitlabAPI).trimmingSuffix("/")
            url = "\(base)/projects/\(Self.pathSegment(repository))/statuses/\(revision)"
            headers.append(("PRIVATE-TOKEN", token))
            body["state"] = .string(state == .failure ? "failed" : state == .error ? "canceled" : state.rawValue)
            body["name"] = .string(context(environment))
            body["description"] = .string(MessageText.truncate(description, to: gitlabDescriptionLimit))
        } else {
            let base = (apiURL ?? githubAPI).trimmingSuffix("/")
            url = "\(base)/repos/\(repository)/statuses/\(revision)"
            headers += [("Authorization", "Bearer \(token)"), ("Accept", "application/vnd.github+json"),
                        ("X-GitHub-Api-Version", "2022-11-28")]
            body["state"] = .string(state.rawValue)
            body["context"] = .string(context(environment))
            body["description"] = .string(MessageText.truncate(description, to: githubDescriptionLimit))
        }
        if let targetURL { body["target_url"] = .string(targetURL) }
        return NotificationRequest(url: url, json: .object(body), headers: headers)
    }

    /// A GitLab project path as one URL segment (`group/sub/project` → `group%2Fsub%2Fproject`).
    static func pathSegment(_ project: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return project.addingPercentEncoding(withAllowedCharacters: allowed) ?? project
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = Substring(self)
        while text.hasSuffix(suffix) { text = text.dropLast(suffix.count) }
        return String(text)
    }
}
