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
}
