import Manifests

/// The bundled Kubernetes schema (`KubeSchema`, `SchemaNode`) seen through the questions the
/// merge algorithms ask.
///
/// `SchemaNode.listType` already follows kube-openapi's conversion for built-in types (a
/// `patchStrategy: merge` list without `x-kubernetes-list-type` is keyed by its merge key), so
/// server-side apply here keys lists exactly as the real API server does. Defaults of list-map
/// keys (`protocol: TCP` of container and service ports) come from the schema itself.
public struct KubeSchemaMergeNode: MergeSchemaNode {
    public let node: SchemaNode

    public init(_ node: SchemaNode) { self.node = node }

    public func declaredField(_ name: String) -> KubeSchemaMergeNode? { node.property(name).map(Self.init) }
    public var mapValues: KubeSchemaMergeNode? { node.mapValues.map(Self.init) }
    public var listItems: KubeSchemaMergeNode? { node.items.map(Self.init) }
    public var listType: SchemaListType { node.listType ?? .atomic }
    public var isAtomicMap: Bool { node.mapType == .atomic }
    public var patchStrategies: [PatchStrategy] { node.patchStrategies.compactMap(PatchStrategy.init(rawValue:)) }
    public var patchMergeKey: String? { node.patchMergeKey }
    public var defaultValue: JSON? { node.defaultValue }
}

extension KubeSchema {
    /// The merge-schema root of a kind's objects, for patches and server-side apply; `nil` for an unknown kind.
    public func mergeSchema(for kind: GroupVersionKind) -> KubeSchemaMergeNode? {
        node(for: kind).map(KubeSchemaMergeNode.init)
    }
}
