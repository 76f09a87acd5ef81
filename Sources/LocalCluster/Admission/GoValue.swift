import Manifests
import MergePatch

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

    /// Go's `strconv.Quote`, as the API server's messages quote values.
    public static func quote(_ s: String) -> String { GoFormat.quote(s) }
}
