import Manifests

/// One served resource type: the REST mapping of a kind.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    public var type: GroupVersionKind
    /// The plural used in URLs, e.g. `deployments`.
    public var resource: String
    public var namespaced: Bool
    public var verbs: [String]
    /// e.g. `status`, `scale`.
    public var subresources: [String]

    public init(type: GroupVersionKind, resource: String, namespaced: Bool, verbs: [String], subresources: [String] = []) {
        self.type = type
        self.resource = resource
        self.namespaced = namespaced
        self.verbs = verbs
        self.subresources = subresources
    }

    /// `/api/v1` or `/apis/apps/v1`.
    public var groupVersionPath: String {
        type.group.isEmpty ? "/api/\(type.version)" : "/apis/\(type.group)/\(type.version)"
    }

    /// The collection URL path, in `namespace` when the resource is namespaced and one is given.
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace { return "\(groupVersionPath)/namespaces/\(PathSegment.escape(namespace))/\(resource)" }
        return "\(groupVersionPath)/\(resource)"
    }

    public func objectPath(name: String, namespace: String?) -> String {
        "\(collectionPath(namespace: namespace))/\(PathSegment.escape(name))"
    }

    public var description: String { "\(resource).\(type.group.isEmpty ? "" : type.group + "/")\(type.version) (\(namespaced ? "namespaced" : "cluster"))" }
}
