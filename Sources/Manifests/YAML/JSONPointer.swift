/// RFC 6901 JSON pointers (`/metadata/labels/app`, `/items/0`): how source-line tables name a
/// place in a document, stable across arrays and objects.
public enum JSONPointer {
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
