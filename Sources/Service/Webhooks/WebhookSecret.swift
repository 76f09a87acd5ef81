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
            let text: String
            switch source {
            case .environment(let name):
                guard let value = environment[name] else {
                    throw WebhookSecretError(provider: provider, source: source, reason: "is not set")
                }
                text = value
            case .file(let path):
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw WebhookSecretError(provider: provider, source: source, reason: "cannot be read")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw WebhookSecretError(provider: provider, source: source, reason: "is empty") }
            secrets[provider] = WebhookSecret(Array(trimmed.utf8), source: source)
        }
        return secrets
    }
}

/// `webhook secret of github: environment variable GITHUB_WEBHOOK_SECRET is not set`
public struct WebhookSecretError: Error, Sendable, CustomStringConvertible {
    public var provider: WebhookProvider
    public var source: WebhookSecretSource
    public var reason: String

    public var description: String { "webhook secret of \(provider.rawValue): \(source) \(reason)" }
}
