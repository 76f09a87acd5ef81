import Manifests

/// A subresource as discovery lists it: `status` (same kind), `scale` (`autoscaling/v1` Scale), and
/// those with their own handlers: pod logs, bindings and evictions, service-account tokens,
/// namespace finalization, certificate approval.
struct Subresource {
    var name: String
    var kind: GroupVersionKind
    var verbs: [String]

    static func of(_ resource: ClusterResource) -> [Subresource] {
        var subresources: [Subresource] = []
        let own = resource.groupVersionKind
        switch (resource.group, resource.kind) {
        case ("", "Pod"):
            subresources.append(Subresource(name: "binding", kind: GroupVersionKind(group: "", version: "v1", kind: "Binding"), verbs: ["create"]))
            subresources.append(Subresource(name: "eviction", kind: GroupVersionKind(group: "policy", version: "v1", kind: "Eviction"),
                                            verbs: ["create"]))
            subresources.append(Subresource(name: "log", kind: own, verbs: ["get"]))
        case ("", "ServiceAccount"):
            subresources.append(Subresource(name: "token", kind: GroupVersionKind(group: "authentication.k8s.io", version: "v1", kind: "TokenRequest"),
                                            verbs: ["create"]))
        case ("", "Namespace"):
            subresources.append(Subresource(name: "finalize", kind: own, verbs: ["update"]))
        case ("certificates.k8s.io", "CertificateSigningRequest"):
            subresources.append(Subresource(name: "approval", kind: own, verbs: ["get", "patch", "update"]))
        default:
            break
        }
        if resource.hasScale {
            subresources.append(Subresource(name: "scale", kind: GroupVersionKind(group: "autoscaling", version: "v1", kind: "Scale"),
                                            verbs: ["get", "patch", "update"]))
        }
        if resource.hasStatus {
            subresources.append(Subresource(name: "status", kind: own, verbs: ["get", "patch", "update"]))
        }
        return subresources.sorted { $0.name < $1.name }
    }
}
