import Manifests

/// A `MergeSchemaNode` read straight from OpenAPI schema JSON: Kubernetes definitions
/// (`#/definitions/...` or `#/components/schemas/...` references) or a CRD's `openAPIV3Schema`.
///
/// It reads the Kubernetes extensions the merge algorithms need (`x-kubernetes-list-type`,
/// `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`, `x-kubernetes-patch-strategy`,
/// `x-kubernetes-patch-merge-key`) and resolves `$ref` and single-entry `allOf` wrappers.
public struct OpenAPISchemaNode: MergeSchemaNode {
    /// Named definitions that `$ref`s point into, shared by every node of one document.
    public let definitions: [String: JSON]
    /// This node's schema with references already resolved.
    public let schema: JSONObject
    /// The extensions written next to a `$ref` (Kubernetes puts list types there).
    private let overlay: JSONObject

    /// A node for the definition named `name` (e.g. `io.k8s.api.apps.v1.Deployment`).
    public init?(definitions: [String: JSON], root name: String) {
        guard let schema = definitions[name]?.objectValue else { return nil }
        self.init(definitions: definitions, schema: schema, overlay: JSONObject())
    }

    /// A node for a self-contained schema such as a CRD version's `openAPIV3Schema`.
    public init?(schema: JSON, definitions: [String: JSON] = [:]) {
        guard let object = schema.objectValue else { return nil }
        self.init(definitions: definitions, schema: object, overlay: JSONObject())
    }

    private init(definitions: [String: JSON], schema: JSONObject, overlay: JSONObject) {
        self.definitions = definitions
        var resolved = schema
        var overlay = overlay
        // Follow `$ref` and `allOf: [{$ref}]` chains, keeping extensions written beside them.
        for _ in 0..<16 {
            if let target = Self.reference(in: resolved), let definition = definitions[target]?.objectValue {
                for (key, value) in resolved where key.hasPrefix("x-kubernetes-") && overlay[key] == nil {
                    overlay[key] = value
                }
                resolved = definition
            } else {
                break
            }
        }
        self.schema = resolved
        self.overlay = overlay
    }

    private static func reference(in schema: JSONObject) -> String? {
        if let ref = schema["$ref"]?.stringValue { return definitionName(ref) }
        if let all = schema["allOf"]?.arrayValue, all.count == 1, let ref = all[0]["$ref"]?.stringValue {
            return definitionName(ref)
        }
        return nil
    }

    private static func definitionName(_ ref: String) -> String {
        for prefix in ["#/definitions/", "#/components/schemas/"] where ref.hasPrefix(prefix) {
            return String(ref.dropFirst(prefix.count))
        }
        return ref
    }

    private func node(_ json: JSON?) -> OpenAPISchemaNode? {
        guard let object = json?.objectValue else { return nil }
        return OpenAPISchemaNode(definitions: definitions, schema: object, overlay: JSONObject())
    }

    private func extensionValue(_ key: String) -> JSON? { overlay[key] ?? schema[key] }

    public func declaredField(_ name: String) -> OpenAPISchemaNode? {
        node(schema["properties"]?[name])
    }

    public var mapValues: OpenAPISchemaNode? {
        guard let additional = schema["additionalProperties"] else { return nil }
        if additional.boolValue == true { return OpenAPISchemaNode(definitions: definitions, schema: JSONObject(), overlay: JSONObject()) }
        return node(additional)
    }

    public var listItems: OpenAPISchemaNode? { node(schema["items"]) }

    public var listType: SchemaListType {
        switch extensionValue("x-kubernetes-list-type")?.stringValue {
        case "set": return .set
        case "map":
            let keys = extensionValue("x-kubernetes-list-map-keys")?.arrayValue?.compactMap(\.stringValue) ?? []
            return .map(keys: keys)
        default: return .atomic
        }
    }

    public var isAtomicMap: Bool {
        extensionValue("x-kubernetes-map-type")?.stringValue == "atomic"
    }

    public var patchStrategies: [PatchStrategy] {
        guard let text = extensionValue("x-kubernetes-patch-strategy")?.stringValue else { return [] }
        return text.split(separator: ",").compactMap { PatchStrategy(rawValue: String($0)) }
    }

    public var patchMergeKey: String? { extensionValue("x-kubernetes-patch-merge-key")?.stringValue }

    public var defaultValue: JSON? { schema["default"] }
}
