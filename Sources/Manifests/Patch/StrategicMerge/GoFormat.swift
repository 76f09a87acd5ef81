/// Renders values the way Go's `%v` and `reflect.TypeOf` print decoded JSON, so error
/// messages read like the real server's.
enum GoFormat {
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
}
