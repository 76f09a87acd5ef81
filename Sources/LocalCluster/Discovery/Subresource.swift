import Manifests

/// A subresource as discovery lists it: `status` (same kind) or `scale` (`autoscaling/v1` Scale).
struct Subresource {
    var name: String
    var kind: GroupVersionKind
    var verbs: [String]

    static func of(_ resource: ClusterResource) -> [Subresource] {
        var subresources: [Subresource] = []
        if resource.hasScale {
            subresources.append(Subresource(name: "scale", kind: GroupVersionKind(group: "autoscaling", version: "v1", kind: "Scale"),
                                            verbs: ["get", "patch", "update"]))
        }
        if resource.group.isEmpty && resource.kind == "Pod" {
            subresources.append(Subresource(name: "log", kind: resource.groupVersionKind, verbs: ["get"]))
        }
        if resource.hasStatus {
            subresources.append(Subresource(name: "status", kind: resource.groupVersionKind, verbs: ["get", "patch", "update"]))
        }
        return subresources
    }
}
