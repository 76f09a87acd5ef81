/// The named definitions (`components.schemas`) that `$ref`s point into, shared by every node.
///
/// A class so that thousands of nodes share one table instead of copying it; immutable, so Sendable.
final class SchemaDefinitions: Sendable {
    let byName: [String: JSON]
    /// Names in the order of the resource file, so generated documents are deterministic.
    let names: [String]

    init(_ object: JSONObject) {
        var table: [String: JSON] = [:]
        for (name, definition) in object { table[name] = definition }
        byName = table
        names = object.keys
    }

    static let referencePrefix = "#/components/schemas/"

    /// The definition name a `$ref` (or an OpenAPI v3 `allOf: [{$ref}]` wrapper) points to.
    static func referencedName(in node: JSON) -> String? {
        if let ref = node["$ref"]?.stringValue { return name(fromReference: ref) }
        if let allOf = node["allOf"]?.arrayValue, allOf.count == 1, let ref = allOf[0]["$ref"]?.stringValue {
            return name(fromReference: ref)
        }
        return nil
    }

    static func name(fromReference ref: String) -> String {
        if ref.hasPrefix(referencePrefix) { return String(ref.dropFirst(referencePrefix.count)) }
        if let slash = ref.lastIndex(of: "/") { return String(ref[ref.index(after: slash)...]) }
        return ref
    }
}
