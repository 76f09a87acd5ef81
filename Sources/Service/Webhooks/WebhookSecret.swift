import Crypto
import Foundation
import Reconciler

/// A webhook secret, read once when the service starts. It never prints itself: `description`
/// and debuggers show only where it came from.
public struct WebhookSecret: Sendable, CustomStringConvertible, CustomReflectable {
    private let bytes: [UInt8]
    /// Made on use: swift-crypto's key type is not `Sendable`.
    var key: SymmetricKey { SymmetricKey(data: bytes) }
    /// Where it was read from, for messages.
    public let source: WebhookSecretSource

    public init(_ bytes: [UInt8], source: WebhookSecretSource) {
        self.bytes = bytes
        self.source = source
    }

    public var description: String { "WebhookSecret(from \(source), redacted)" }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }

    /// Reads every configured provider's secret: a missing variable, an unreadable or empty file
    /// is one error naming the provider and where it looked (never the value).
    public static func load(_ sources: [WebhookProvider: WebhookSecretSource],
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [WebhookProvider: WebhookSecret] {
        var secrets: [WebhookProvider: WebhookSecret] = [:]
        for (provider, source) in sources.sorted(by: { $0.key < $1.key }) {
            switch read(source, environment: environment) {
            case .success(let value): secrets[provider] = WebhookSecret(Array(value.utf8), source: source)
            case .failure(let reason): throw WebhookSecretError(provider: provider, source: source, reason: reason.text)
            }
        }
        return secrets
    }
}

extension WebhookSecret {
    struct Unreadable: Error { var text: String }

    /// A secret's text from its source, surrounding whitespace dropped; why not, when it is
    /// missing, unreadable or empty (never the value). The dashboard's sign-in token is read so too.
    static func read(_ source: WebhookSecretSource, environment: [String: String]) -> Result<String, Unreadable> {
        let text: String
        switch source {
        case .environment(let name):
            guard let value = environment[name] else { return .failure(Unreadable(text: "is not set")) }
            text = value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { return .failure(Unreadable(text: "cannot be read")) }
            text = String(decoding: data, as: UTF8.self)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? .failure(Unreadable(text: "is empty")) : .success(trimmed)
    }
}

/// `webhook secret of github: environment variable GITHUB_WEBHOOK_SECRET is not set`
public struct WebhookSecretError: Error, Sendable, CustomStringConvertible {
    public var provider: WebhookProvider
    public var source: WebhookSecretSource
    public var reason: String

    public var description: String { "webhook secret of \(provider.rawValue): \(source) \(reason)" }
}
