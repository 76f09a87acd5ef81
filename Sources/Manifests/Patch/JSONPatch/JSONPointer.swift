/// A JSON pointer (RFC 6901) such as `/metadata/labels/app.kubernetes.io~1name`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens, e.g. `["metadata", "labels", "app.kubernetes.io/name"]`.
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses a pointer; `nil` unless it is empty or starts with `/`.
    public init?(_ text: String) {
        if text.isEmpty { tokens = []; return }
        guard text.hasPrefix("/") else { return nil }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { Self.unescape(String($0)) }
    }

    /// `~1` becomes `/` first, then `~0` becomes `~`, in the order RFC 6901 section 4 requires.
    public static func unescape(_ token: String) -> String {
        token.replacing("~1", with: "/").replacing("~0", with: "~")
    }

    /// `~` becomes `~0` and `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    public var description: String { tokens.map { "/" + Self.escape($0) }.joined() }
}
