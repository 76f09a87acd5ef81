import Manifests

/// The Go type a schema node decodes into, as `encoding/json` names it in an `UnmarshalTypeError`
/// (`int32`, `[]v1.Container`, `map[string]string`, `v1.PodSpec`).
enum GoTypeName {
    static func of(_ node: SchemaNode) -> String {
        switch node.type {
        case .string: return node.format == "byte" ? "[]uint8" : "string"
        case .integer: return node.format == "int32" ? "int32" : "int64"
        case .number: return "float64"
        case .boolean: return "bool"
        case .intOrString: return "int32"
        case .quantity: return "resource.Quantity"
        case .array: return "[]" + (node.items.map(of) ?? "interface {}")
        case .map:
            if node.mapValues?.type == .quantity { return "v1.ResourceList" }
            return "map[string]" + (node.mapValues.map(of) ?? "interface {}")
        case .object, .rawJSON:
            return node.definitionName.map(qualifiedName) ?? "map[string]interface {}"
        }
    }

    /// `io.k8s.api.core.v1.PodSpec` → `v1.PodSpec`: package name, then type name.
    static func qualifiedName(_ definition: String) -> String {
        let parts = definition.split(separator: ".")
        guard parts.count >= 2 else { return definition }
        return "\(parts[parts.count - 2]).\(parts[parts.count - 1])"
    }
}
