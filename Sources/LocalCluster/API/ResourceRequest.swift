/// A request aimed at a resource, parsed from its URL:
/// `/api/v1/namespaces/NS/pods/NAME/status` or `/apis/GROUP/VERSION/RESOURCE[/NAME]`.
struct ResourceRequest: Sendable {
    var resource: ClusterResource
    /// Set for namespaced resources addressed inside a namespace; nil lists across namespaces.
    var namespace: String?
    var name: String?
    var subresource: String?

    /// The resource its objects are stored under (see `ClusterResource.storage`).
    var groupResource: GroupResource { resource.storage }

    func key(name: String) -> ObjectKey {
        ObjectKey(resource: resource.storage, namespace: resource.namespaced ? (namespace ?? "") : "", name: name)
    }

    enum Parsed {
        case resource(ResourceRequest)
        /// The group/version exists but no such resource (404 NotFound Status).
        case unknownResource
        /// Not a resource path at all.
        case notAResourcePath
    }

    static func parse(path: String, registry: ResourceRegistry) -> Parsed {
        var segments = path.split(separator: "/").map(String.init)
        let group: String
        let version: String
        if segments.first == "api", segments.count >= 3 {
            group = ""
            version = segments[1]
            segments.removeFirst(2)
        } else if segments.first == "apis", segments.count >= 4 {
            group = segments[1]
            version = segments[2]
            segments.removeFirst(3)
        } else {
            return .notAResourcePath
        }
        guard registry.servesGroupVersion(group: group, version: version) else { return .unknownResource }
        var namespace: String?
        if segments.count >= 3, segments[0] == "namespaces",
           registry.resource(group: group, version: version, plural: segments[2]) != nil {
            namespace = segments[1]
            segments.removeFirst(2)
        }
        guard let resource = registry.resource(group: group, version: version, plural: segments[0]),
              segments.count <= 3 else { return .unknownResource }
        if namespace != nil && !resource.namespaced { return .unknownResource }
        let name = segments.count > 1 ? segments[1] : nil
        let subresource = segments.count > 2 ? segments[2] : nil
        return .resource(ResourceRequest(resource: resource, namespace: namespace, name: name, subresource: subresource))
    }
}
