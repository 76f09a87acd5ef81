/// The named definitions (`components.schemas`) that `$ref`s point into, shared by every node.
///
/// A class so that thousands of nodes share one table instead of copying it; immutable (but for
/// the lock-guarded cache of generated documents), so Sendable.
final class SchemaDefinitions: Sendable {
    /// OpenAPI documents of built-in group-versions, made on first request.
    let documentCache = OpenAPIDocumentCache()

    let byName: [String: JSON]
    /// Names in the order of the resource file, so generated documents are deterministic.
    let names: [String]

    /// Definitions that hold no `resource.Quantity` anywhere below them, so walks looking for
    /// quantities can skip them (most of a Deployment, for instance).
    let quantityFree: Set<String>

    init(_ object: JSONObject) {
        var table: [String: JSON] = [:]
        for (name, definition) in object { table[name] = definition }
        byName = table
        names = object.keys
        quantityFree = SchemaDefinitions.namesWithoutQuantities(table)
    }

    private static let quantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity"

    private static func namesWithoutQuantities(_ table: [String: JSON]) -> Set<String> {
        var references: [String: [String]] = [:]
        for (name, definition) in table {
            var found: [String] = []
            KubeSchema.collectReferences(in: definition, into: &found)
            references[name] = found.map(SchemaDefinitions.name(fromReference:))
        }
        // Everything that can reach Quantity, found by walking the references backwards.
        var referrers: [String: [String]] = [:]
        for (name, targets) in references { for target in targets { referrers[target, default: []].append(name) } }
        var reaching: Set<String> = [quantityName]
        var pending = [quantityName]
        while let name = pending.popLast() {
            for referrer in referrers[name] ?? [] where reaching.insert(referrer).inserted { pending.append(referrer) }
        }
        return Set(table.keys).subtracting(reaching)
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
