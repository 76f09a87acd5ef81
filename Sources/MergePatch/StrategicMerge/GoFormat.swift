import Manifests

/// Renders values the way Go's `%v` and `reflect.TypeOf` print decoded JSON, so error
/// messages read like the real server's.
public enum GoFormat {
    static let mapType = "map[string]interface {}"
    static let sliceType = "[]interface {}"

    static func typeName(_ value: JSON) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int, .double: return "float64"
        case .string: return "string"
        case .array: return sliceType
        case .object: return mapType
        }
    }

    static func value(_ value: JSON) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e21 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        case .array(let items): return "[" + items.map { Self.value($0) }.joined(separator: " ") + "]"
        case .object(let object):
            return "map[" + object.keys.sorted().map { "\($0):\(Self.value(object[$0]!))" }.joined(separator: " ") + "]"
        }
    }

    /// Go's `strconv.Quote` (and `%q`): double quotes, backslash escapes, `\x` for other control
    /// characters. The API server quotes names and values this way in its messages.
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
                    let digits = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: max(0, 2 - digits.count)) + digits
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
