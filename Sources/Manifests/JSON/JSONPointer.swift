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

/// Pointers as plain text, for line tables that name every node of a document cheaply.
extension JSONPointer {
    /// The pointer of a member or element below `pointer`.
    public static func appending(_ token: String, to pointer: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return pointer + "/" + token
        }
        var escaped = ""
        for character in token {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return pointer + "/" + escaped
    }

    public static func appending(_ index: Int, to pointer: String) -> String { pointer + "/" + String(index) }

    /// The pointer of a path of object keys, e.g. `["metadata", "name"]` → `/metadata/name`.
    public static func from(path: [String]) -> String {
        path.reduce("") { appending($1, to: $0) }
    }

    /// The pointer one level up, or `nil` for the root `""`.
    public static func parent(of pointer: String) -> String? {
        guard let slash = pointer.lastIndex(of: "/") else { return nil }
        return String(pointer[..<slash])
    }
}
