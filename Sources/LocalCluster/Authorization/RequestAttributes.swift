import Manifests

/// What a request asks to do, as an authorizer sees it (apiserver `authorizer.Attributes`):
/// a verb on a resource (with group, subresource, namespace, name) or on a non-resource path.
struct RequestAttributes: Sendable, Hashable {
    var verb: String
    var group: String = ""
    var version: String = ""
    var resource: String = ""
    var subresource: String = ""
    var namespace: String = ""
    var name: String = ""
    /// Set for non-resource requests (`/version`, `/apis`, `/healthz`).
    var path: String?

    var isResourceRequest: Bool { path == nil }

    /// The attributes of an HTTP request to this server.
    static func of(_ request: APIRequest, path: String, registry: ResourceRegistry) -> RequestAttributes {
        let verb = ClusterResponder.verb(of: request, path: path, registry: registry)
        guard case .resource(let target) = ResourceRequest.parse(path: path, registry: registry) else {
            return RequestAttributes(verb: request.method.rawValue.lowercased() == "head" ? "get" : request.method.rawValue.lowercased(),
                                     path: path)
        }
        return RequestAttributes(verb: verb, group: target.resource.group, version: target.resource.version,
                                 resource: target.resource.resource, subresource: target.subresource ?? "",
                                 namespace: target.namespace ?? "", name: target.name ?? "")
    }

    /// The attributes a SubjectAccessReview's spec asks about.
    init?(reviewSpec spec: JSON?) {
        if let resource = spec?["resourceAttributes"] {
            verb = resource["verb"]?.stringValue ?? ""
            group = resource["group"]?.stringValue ?? ""
            version = resource["version"]?.stringValue ?? ""
            self.resource = resource["resource"]?.stringValue ?? ""
            subresource = resource["subresource"]?.stringValue ?? ""
            namespace = resource["namespace"]?.stringValue ?? ""
            name = resource["name"]?.stringValue ?? ""
        } else if let nonResource = spec?["nonResourceAttributes"] {
            verb = nonResource["verb"]?.stringValue ?? ""
            path = nonResource["path"]?.stringValue ?? ""
        } else {
            return nil
        }
    }

    init(verb: String, group: String = "", version: String = "", resource: String = "", subresource: String = "",
         namespace: String = "", name: String = "", path: String? = nil) {
        self.verb = verb
        self.group = group
        self.version = version
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.path = path
    }

    /// The denial's wording, as the RBAC authorizer and `errors.NewForbidden` put it:
    /// `User "bob" cannot list resource "pods" in API group "" in the namespace "default"`.
    func denial(for user: UserInfo) -> String {
        guard isResourceRequest else { return "User \"\(user.username)\" cannot \(verb) path \"\(path ?? "")\"" }
        let what = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        let scope = namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(namespace)\""
        return "User \"\(user.username)\" cannot \(verb) resource \"\(what)\" in API group \"\(group)\" \(scope)"
    }
}
