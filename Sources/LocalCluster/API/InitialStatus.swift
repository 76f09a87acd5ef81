import Manifests

/// The status a new object starts with, as each kind's create strategy sets it.
enum InitialStatus {
    static func of(_ resource: ClusterResource, object: JSON) -> JSON {
        switch (resource.group, resource.kind) {
        case ("", "Namespace"): return ["phase": "Active"]
        case ("", "Pod"): return ["phase": "Pending", "qosClass": "BestEffort"]
        case ("", "Service"): return ["loadBalancer": .object([:])]
        case ("", "PersistentVolumeClaim"), ("", "PersistentVolume"): return ["phase": "Pending"]
        case ("apiextensions.k8s.io", "CustomResourceDefinition"):
            return ["conditions": [], "acceptedNames": ["plural": "", "kind": ""], "storedVersions": []]
        default:
            if resource.isCustom { return .null }
            return .object([:])
        }
    }
}
