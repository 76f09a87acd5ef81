import Manifests

/// What a newly created object is compared against when the API server records who set what.
///
/// On create the server diffs the new object against an empty object of the kind's Go type. In
/// Go, non-pointer struct fields (`metadata`, `spec`, a Deployment's `spec.template`, ...) exist
/// even when empty, so they are never "added" and carry no `".": {}` marker in the creator's
/// managed fields, while pointer structs, maps and lists do. Custom resources are unstructured:
/// their empty object has nothing, so every new map is marked.
enum EmptyObjectShape {
    /// The empty object of the kind named by `object`'s `apiVersion` and `kind`.
    static func of(_ object: JSON) -> JSON {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else { return .object(JSONObject()) }
        let type = GroupVersionKind(apiVersion: apiVersion, kind: kind)
        guard let paths = nonPointerStructs[type.groupKind] else { return .object(JSONObject()) }
        var shape = JSON.object(["metadata": .object(JSONObject())])
        for path in paths {
            let parts = path.split(separator: ".").map(String.init)
            shape[path: parts] = shape[path: parts] ?? .object(JSONObject())
        }
        for path in nullFields[type.groupKind] ?? [] {
            shape[path: path.split(separator: ".").map(String.init)] = .null
        }
        return shape
    }

    /// Lists without `omitempty` in the Go types: present as `null` in the empty object.
    static let nullFields: [GroupKind: [String]] = {
        var out: [GroupKind: [String]] = [:]
        for (kind, paths) in nonPointerStructs {
            out[kind] = paths.filter { $0.hasSuffix("template.spec") }.map { $0 + ".containers" }
        }
        out[GroupKind(group: "", kind: "Pod")] = ["spec.containers"]
        out[GroupKind(group: "rbac.authorization.k8s.io", kind: "Role")] = ["rules"]
        out[GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRole")] = ["rules"]
        out[GroupKind(group: "discovery.k8s.io", kind: "EndpointSlice")] = ["endpoints", "ports"]
        return out
    }()

    private static let podTemplate = ["spec.template", "spec.template.metadata", "spec.template.spec"]
    private static let specAndStatus = ["spec", "status"]

    /// Non-pointer struct fields below the root, by kind (from the Go types in k8s.io/api).
    static let nonPointerStructs: [GroupKind: [String]] = [
        GroupKind(group: "apps", kind: "Deployment"): specAndStatus + podTemplate + ["spec.strategy"],
        GroupKind(group: "apps", kind: "ReplicaSet"): specAndStatus + podTemplate,
        GroupKind(group: "apps", kind: "StatefulSet"): specAndStatus + podTemplate + ["spec.updateStrategy"],
        GroupKind(group: "apps", kind: "DaemonSet"): specAndStatus + podTemplate + ["spec.updateStrategy"],
        GroupKind(group: "batch", kind: "Job"): specAndStatus + podTemplate,
        GroupKind(group: "batch", kind: "CronJob"): specAndStatus + ["spec.jobTemplate", "spec.jobTemplate.metadata", "spec.jobTemplate.spec",
                                                                  "spec.jobTemplate.spec.template", "spec.jobTemplate.spec.template.metadata",
                                                                  "spec.jobTemplate.spec.template.spec"],
        GroupKind(group: "", kind: "Pod"): specAndStatus,
        GroupKind(group: "", kind: "Service"): specAndStatus + ["status.loadBalancer"],
        GroupKind(group: "", kind: "Namespace"): specAndStatus,
        GroupKind(group: "", kind: "PersistentVolumeClaim"): specAndStatus + ["spec.resources"],
        GroupKind(group: "", kind: "PersistentVolume"): specAndStatus,
        GroupKind(group: "", kind: "ResourceQuota"): specAndStatus,
        GroupKind(group: "", kind: "LimitRange"): ["spec"],
        GroupKind(group: "networking.k8s.io", kind: "Ingress"): specAndStatus + ["status.loadBalancer"],
        GroupKind(group: "networking.k8s.io", kind: "NetworkPolicy"): ["spec", "spec.podSelector"],
        GroupKind(group: "networking.k8s.io", kind: "IngressClass"): ["spec"],
        GroupKind(group: "autoscaling", kind: "HorizontalPodAutoscaler"): specAndStatus + ["spec.scaleTargetRef"],
        GroupKind(group: "policy", kind: "PodDisruptionBudget"): specAndStatus,
        GroupKind(group: "coordination.k8s.io", kind: "Lease"): ["spec"],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "RoleBinding"): ["roleRef"],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding"): ["roleRef"],
        GroupKind(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition"): specAndStatus + ["spec.names", "status.acceptedNames"],
        GroupKind(group: "", kind: "ConfigMap"): [],
        GroupKind(group: "", kind: "Secret"): [],
        GroupKind(group: "", kind: "ServiceAccount"): [],
        GroupKind(group: "", kind: "Endpoints"): [],
        GroupKind(group: "", kind: "Event"): ["involvedObject", "source"],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "Role"): [],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRole"): [],
        GroupKind(group: "storage.k8s.io", kind: "StorageClass"): [],
        GroupKind(group: "discovery.k8s.io", kind: "EndpointSlice"): [],
    ]
}
