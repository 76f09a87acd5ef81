import Manifests

/// A value as Go's `fmt` prints it in a validation message: strings `%q`-quoted, numbers and
/// booleans bare, other values as their `%#v` rendering (`map[string]string{"app":"web"}`).
public struct GoValue: Hashable, Sendable {
    public let formatted: String

    public init(formatted: String) { self.formatted = formatted }

    public static func string(_ value: String) -> GoValue { GoValue(formatted: quote(value)) }
    public static func int(_ value: Int64) -> GoValue { GoValue(formatted: String(value)) }
    public static func bool(_ value: Bool) -> GoValue { GoValue(formatted: value ? "true" : "false") }
    public static let null = GoValue(formatted: "null")

    /// A scalar JSON value as the Go field holding it would print; `nil` prints as Go's `null`.
    public static func json(_ value: JSON?) -> GoValue {
        switch value {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .double(let d): return GoValue(formatted: d == d.rounded() && abs(d) < 1e21 ? String(Int64(d)) : String(d))
        case .bool(let b): return .bool(b)
        case .none, .null: return .null
        case .some(let other): return GoValue(formatted: other.serialized())
        }
    }

    /// `%#v` of a `map[string]string` (keys sorted, as fmt prints maps); absent is the typed nil.
    public static func stringMap(_ object: JSONObject?) -> GoValue {
        GoValue(formatted: stringMapLiteral(object))
    }

    static func stringMapLiteral(_ object: JSONObject?) -> String {
        guard let object else { return "map[string]string(nil)" }
        let pairs = object.keys.sorted().map { "\(quote($0)):\(quote(object[$0]?.stringValue ?? ""))" }
        return "map[string]string{" + pairs.joined(separator: ", ") + "}"
    }

    /// `%#v` of a `[]string`.
    static func stringSliceLiteral(_ values: [String]?) -> String {
        guard let values else { return "[]string(nil)" }
        return "[]string{" + values.map(quote).joined(separator: ", ") + "}"
    }

    /// Go's `strconv.Quote`: double quotes, backslash escapes, `\u` for non-printable characters.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
