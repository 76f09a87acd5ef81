import Manifests

/// The seam where the Kubernetes schema tells the diff what a field is: how a list is keyed (so
/// containers match by name, not position) and whether a value is a resource quantity.
///
/// `path` holds object keys only (no indices), from the object's root, e.g.
/// `["spec", "template", "spec", "containers", "ports"]`.
public protocol FieldSemantics: Sendable {
    /// The list's merge type, or `nil` when unknown (the diff then treats it as atomic).
    func listType(of type: GroupVersionKind, at path: [String]) -> SchemaListType?
    /// The field's type, or `nil` when unknown.
    func fieldType(of type: GroupVersionKind, at path: [String]) -> SchemaFieldType?
    /// Defaults of a keyed list's key fields: a container port without `protocol` is the same
    /// element as one with `protocol: TCP`, as the API server keys it.
    func listKeyDefaults(of type: GroupVersionKind, at path: [String]) -> [String: JSON]
}

/// Field semantics read from `KubeSchema`: the bundled Kubernetes 1.32 schema, plus any CRDs
/// added to it with `KubeSchema.adding(customResourceDefinition:)`.
public struct SchemaFieldSemantics: FieldSemantics {
    public var schema: KubeSchema

    public init(schema: KubeSchema = .builtin) { self.schema = schema }

    public func listType(of type: GroupVersionKind, at path: [String]) -> SchemaListType? {
        schema.node(for: type, at: path)?.listType
    }

    public func fieldType(of type: GroupVersionKind, at path: [String]) -> SchemaFieldType? {
        schema.node(for: type, at: path)?.type
    }

    public func listKeyDefaults(of type: GroupVersionKind, at path: [String]) -> [String: JSON] {
        guard let list = schema.node(for: type, at: path), case .map(let keys)? = list.listType, let items = list.items else { return [:] }
        var defaults: [String: JSON] = [:]
        for key in keys {
            if let value = items.property(key)?.defaultValue ?? SchemaFieldSemantics.keyDefaults[items.definitionName ?? ""]?[key] {
                defaults[key] = value
            }
        }
        return defaults
    }

    /// Key defaults the API server applies (`+default="TCP"` in k8s.io/api) that the bundled
    /// schema does not spell out.
    static let keyDefaults: [String: [String: JSON]] = [
        "io.k8s.api.core.v1.ContainerPort": ["protocol": "TCP"],
        "io.k8s.api.core.v1.ServicePort": ["protocol": "TCP"],
        "io.k8s.api.core.v1.EndpointPort": ["protocol": "TCP"],
        "io.k8s.api.discovery.v1.EndpointPort": ["protocol": "TCP"],
    ]
}
