import Manifests

/// One step of a field path in a managed-fields set, as structured-merge-diff names it.
///
/// FieldsV1 spells them `f:<name>` (a field of an object), `k:{"name":"web"}` (the item of a
/// list map with these key values), `v:"value"` (the item of a set), `i:<index>` (a position).
public enum PathElement: Hashable, Sendable, Comparable, CustomStringConvertible {
    case field(String)
    /// Key fields sorted by name, as structured-merge-diff keeps them.
    case key([KeyField])
    case value(JSON)
    case index(Int)

    /// A list-map key from fields in any order; they are sorted by name.
    public static func key(_ fields: [(String, JSON)]) -> PathElement {
        .key(fields.map { KeyField(name: $0.0, value: $0.1) }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
    }

    private var rank: Int {
        switch self {
        case .field: return 0
        case .key: return 1
        case .value: return 2
        case .index: return 3
        }
    }

    /// The order of fieldpath.PathElement.Compare: fields, then keys, values, indices.
    public static func compare(_ a: PathElement, _ b: PathElement) -> Int {
        switch (a, b) {
        case let (.field(x), .field(y)): return JSONOrdering.compareBytes(x, y)
        case let (.key(x), .key(y)): return KeyField.compare(x, y)
        case let (.value(x), .value(y)): return JSONOrdering.compare(x, y)
        case let (.index(x), .index(y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: return a.rank < b.rank ? -1 : 1
        }
    }

    public static func < (a: PathElement, b: PathElement) -> Bool { compare(a, b) < 0 }

    /// The human form used in conflict messages: `.replicas`, `[name="web"]`, `[=value]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields): return "[" + fields.map { "\($0.name)=\(JSONOrdering.goString($0.value))" }.joined(separator: ",") + "]"
        case .value(let value): return "[=\(JSONOrdering.goString(value))]"
        case .index(let index): return "[\(index)]"
        }
    }
}

/// One key field of a list-map item, e.g. `name: "web"`.
public struct KeyField: Hashable, Sendable {
    public var name: String
    public var value: JSON

    public init(name: String, value: JSON) {
        self.name = name
        self.value = value
    }

    /// value.FieldList.Compare: field by field, name then value; a shorter list sorts first.
    static func compare(_ a: [KeyField], _ b: [KeyField]) -> Int {
        for i in 0..<min(a.count, b.count) {
            let byName = JSONOrdering.compareBytes(a[i].name, b[i].name)
            if byName != 0 { return byName }
            let byValue = JSONOrdering.compare(a[i].value, b[i].value)
            if byValue != 0 { return byValue }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

/// A path from the object's root to one field, e.g. `.spec.template.spec.containers[name="web"].image`.
public typealias FieldSetPath = [PathElement]

extension Array where Element == PathElement {
    /// Orders paths element by element, a prefix first.
    public func lexicographicallyPrecedes(_ other: FieldSetPath) -> Bool {
        lexicographicallyPrecedes(other, by: <)
    }

    /// The path as conflict messages print it.
    public var pathDescription: String { map(\.description).joined() }
}
