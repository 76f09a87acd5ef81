import Manifests

/// One HTTP request a message becomes. Its URL may carry a secret (Slack's and Discord's webhook
/// URLs are credentials), so nothing prints it: errors name the target instead.
public struct NotificationRequest: Sendable {
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(url: String, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A JSON body, compact (services count bytes against their limits).
    public init(url: String, json: JSON, headers: [(name: String, value: String)] = []) {
        self.init(url: url, headers: [("Content-Type", "application/json; charset=utf-8")] + headers,
                  body: Array(json.serialized().utf8))
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Texts cut to a service's documented limit, saying so at the end rather than failing the message.
enum MessageText {
    static let note = "… (truncated)"

    /// `text` in at most `limit` UTF-16 code units — the strictest way services count characters.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        let budget = limit - note.utf16.count
        guard budget > 0 else { return String(note.prefix(limit)) }
        var kept = ""
        var used = 0
        for character in text {
            let size = String(character).utf16.count
            if used + size > budget { break }
            kept.append(character)
            used += size
        }
        return kept + note
    }

    /// Up to `limit` lines of a list, then how many more there are.
    static func lines(_ items: [String], limit: Int) -> [String] {
        guard items.count > limit else { return items }
        return Array(items.prefix(limit)) + ["… and \(items.count - limit) more"]
    }
}
