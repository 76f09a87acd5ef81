import Manifests

/// The seam that says whether a kind lives in a namespace. API discovery answers for the live
/// cluster; the built-in table and the revision's own CRDs answer before any request is made.
public protocol ResourceScopes: Sendable {
    /// `true` for namespaced kinds, `false` for cluster-scoped ones, `nil` when unknown.
    func isNamespaced(_ groupKind: GroupKind) -> Bool?
}

/// Asks each source in turn; the first that knows wins.
public struct LayeredResourceScopes: ResourceScopes {
    public var sources: [any ResourceScopes]

    public init(_ sources: [any ResourceScopes]) { self.sources = sources }

    public func isNamespaced(_ groupKind: GroupKind) -> Bool? {
        for source in sources {
            if let answer = source.isNamespaced(groupKind) { return answer }
        }
        return nil
    }
}

/// Scopes of the Kubernetes 1.32 built-in kinds.
public struct BuiltInResourceScopes: ResourceScopes {
    public init() {}

    static let clusterScoped: Set<GroupKind> = [
        GroupKind(group: "", kind: "Namespace"), GroupKind(group: "", kind: "Node"),
        GroupKind(group: "", kind: "PersistentVolume"), GroupKind(group: "", kind: "ComponentStatus"),
        GroupKind(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition"),
        GroupKind(group: "apiregistration.k8s.io", kind: "APIService"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRole"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding"),
        GroupKind(group: "storage.k8s.io", kind: "StorageClass"),
        GroupKind(group: "storage.k8s.io", kind: "CSIDriver"), GroupKind(group: "storage.k8s.io", kind: "CSINode"),
        GroupKind(group: "storage.k8s.io", kind: "VolumeAttachment"),
        GroupKind(group: "scheduling.k8s.io", kind: "PriorityClass"),
        GroupKind(group: "networking.k8s.io", kind: "IngressClass"),
        GroupKind(group: "node.k8s.io", kind: "RuntimeClass"),
        GroupKind(group: "admissionregistration.k8s.io", kind: "MutatingWebhookConfiguration"),
        GroupKind(group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration"),
        GroupKind(group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicy"),
        GroupKind(group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicyBinding"),
        GroupKind(group: "certificates.k8s.io", kind: "CertificateSigningRequest"),
        GroupKind(group: "flowcontrol.apiserver.k8s.io", kind: "FlowSchema"),
        GroupKind(group: "flowcontrol.apiserver.k8s.io", kind: "PriorityLevelConfiguration"),
    ]

    static let namespaced: Set<GroupKind> = [
        GroupKind(group: "", kind: "ConfigMap"), GroupKind(group: "", kind: "Secret"),
        GroupKind(group: "", kind: "Service"), GroupKind(group: "", kind: "ServiceAccount"),
        GroupKind(group: "", kind: "Pod"), GroupKind(group: "", kind: "PodTemplate"),
        GroupKind(group: "", kind: "PersistentVolumeClaim"), GroupKind(group: "", kind: "Endpoints"),
        GroupKind(group: "", kind: "LimitRange"), GroupKind(group: "", kind: "ResourceQuota"),
        GroupKind(group: "", kind: "ReplicationController"), GroupKind(group: "", kind: "Event"),
        GroupKind(group: "apps", kind: "Deployment"), GroupKind(group: "apps", kind: "StatefulSet"),
        GroupKind(group: "apps", kind: "DaemonSet"), GroupKind(group: "apps", kind: "ReplicaSet"),
        GroupKind(group: "apps", kind: "ControllerRevision"),
        GroupKind(group: "batch", kind: "Job"), GroupKind(group: "batch", kind: "CronJob"),
        GroupKind(group: "autoscaling", kind: "HorizontalPodAutoscaler"),
        GroupKind(group: "policy", kind: "PodDisruptionBudget"),
        GroupKind(group: "networking.k8s.io", kind: "Ingress"),
        GroupKind(group: "networking.k8s.io", kind: "NetworkPolicy"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "Role"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "RoleBinding"),
        GroupKind(group: "coordination.k8s.io", kind: "Lease"),
        GroupKind(group: "discovery.k8s.io", kind: "EndpointSlice"),
        GroupKind(group: "events.k8s.io", kind: "Event"),
    ]

    public func isNamespaced(_ groupKind: GroupKind) -> Bool? {
        if BuiltInResourceScopes.namespaced.contains(groupKind) { return true }
        if BuiltInResourceScopes.clusterScoped.contains(groupKind) { return false }
        return nil
    }
}

/// Scopes declared by CustomResourceDefinitions, e.g. those of the revision being applied, so
/// custom resources can be prepared before their CRD exists in the cluster.
public struct DefinedResourceScopes: ResourceScopes {
    public private(set) var scopes: [GroupKind: Bool] = [:]

    /// Reads `spec.group`, `spec.names.kind` and `spec.scope` of every CRD among `objects`.
    public init(definitionsAmong objects: [JSON]) {
        for object in objects where object["kind"]?.stringValue == "CustomResourceDefinition" {
            guard let group = object[path: ["spec", "group"]]?.stringValue,
                  let kind = object[path: ["spec", "names", "kind"]]?.stringValue,
                  let scope = object[path: ["spec", "scope"]]?.stringValue
            else { continue }
            scopes[GroupKind(group: group, kind: kind)] = scope == "Namespaced"
        }
    }

    public func isNamespaced(_ groupKind: GroupKind) -> Bool? { scopes[groupKind] }
}
