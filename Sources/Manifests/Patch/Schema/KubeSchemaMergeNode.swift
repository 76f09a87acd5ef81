/// The bundled Kubernetes schema (`KubeSchema`, `SchemaNode`) seen through the questions the
/// merge algorithms ask.
///
/// `SchemaNode.listType` already follows kube-openapi's conversion for built-in types (a
/// `patchStrategy: merge` list without `x-kubernetes-list-type` is keyed by its merge key), so
/// server-side apply here keys lists exactly as the real API server does.
public struct KubeSchemaMergeNode: MergeSchemaNode {
    public let node: SchemaNode
    /// A default the bundled schema leaves out but the API server's OpenAPI declares.
    private let knownDefault: JSON?

    public init(_ node: SchemaNode) { self.init(node, knownDefault: nil) }

    private init(_ node: SchemaNode, knownDefault: JSON?) {
        self.node = node
        self.knownDefault = knownDefault
    }

    public func declaredField(_ name: String) -> KubeSchemaMergeNode? {
        guard let field = node.property(name) else { return nil }
        let known = node.definitionName.flatMap { Self.listKeyDefaults[$0]?[name] }
        return KubeSchemaMergeNode(field, knownDefault: known)
    }
    public var mapValues: KubeSchemaMergeNode? { node.mapValues.map(Self.init) }
    public var listItems: KubeSchemaMergeNode? { node.items.map(Self.init) }
    public var listType: SchemaListType { node.listType ?? .atomic }
    public var isAtomicMap: Bool { node.mapType == .atomic }
    public var patchStrategies: [PatchStrategy] { node.patchStrategies.compactMap(PatchStrategy.init(rawValue:)) }
    public var patchMergeKey: String? { node.patchMergeKey }
    public var defaultValue: JSON? { node.defaultValue ?? knownDefault }

    /// Defaults of list-map key fields (`+default="TCP"` in k8s.io/api, published in the
    /// OpenAPI the server builds its field sets from): a port without `protocol` is keyed as TCP.
    static let listKeyDefaults: [String: [String: JSON]] = [
        "io.k8s.api.core.v1.ContainerPort": ["protocol": "TCP"],
        "io.k8s.api.core.v1.ServicePort": ["protocol": "TCP"],
        "io.k8s.api.core.v1.EndpointPort": ["protocol": "TCP"],
        "io.k8s.api.discovery.v1.EndpointPort": ["protocol": "TCP"],
    ]
}

extension KubeSchema {
    /// The merge-schema root of a kind's objects, for patches and server-side apply; `nil` for an unknown kind.
    public func mergeSchema(for kind: GroupVersionKind) -> KubeSchemaMergeNode? {
        node(for: kind).map(KubeSchemaMergeNode.init)
    }
}
