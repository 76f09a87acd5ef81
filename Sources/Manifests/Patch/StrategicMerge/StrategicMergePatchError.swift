/// Why a strategic merge patch could not be applied, worded as
/// k8s.io/apimachinery/pkg/util/mergepatch words it.
public struct StrategicMergePatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The HTTP status the API server answers with (400, 422, or 500 for other merge errors),
    /// as apiserver's `interpretStrategicMergePatchError` maps them.
    public var httpStatus: Int

    init(_ message: String, httpStatus: Int = 500) {
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String { message }

    static let badPrimitiveListFormat = Self("invalid patch format of primitive list", httpStatus: 400)
    static let badRetainKeysFormat = Self("invalid patch format of retainKeys", httpStatus: 400)
    static let badSetElementOrderFormat = Self("invalid patch format of setElementOrder list", httpStatus: 400)
    static let listOfLists = Self("lists of lists are not supported", httpStatus: 422)

    static func noMergeKey(_ map: JSONObject, _ key: String) -> Self {
        Self("map: \(GoFormat.value(.object(map))) does not contain declared merge key: \(key)")
    }

    static func badPatchType(_ type: JSON, _ map: JSONObject) -> Self {
        Self("unknown patch type: \(GoFormat.value(type)) in map: \(GoFormat.value(.object(map)))")
    }

    static func badArgType(expected: String, actual: JSON) -> Self {
        Self("expected a \(expected), but received a \(GoFormat.typeName(actual))")
    }
}

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
