import Manifests

/// The order kinds are applied in within a sync wave: what others depend on first (Namespaces,
/// CRDs, cluster RBAC, storage, identities, config), then Services, workloads, their autoscalers
/// and Ingresses; custom resources last, once their definitions exist.
public enum KindOrder {
    static let ranked: [GroupKind] = [
        GroupKind(group: "", kind: "Namespace"),
        GroupKind(group: "", kind: "ResourceQuota"),
        GroupKind(group: "", kind: "LimitRange"),
        GroupKind(group: "scheduling.k8s.io", kind: "PriorityClass"),
        GroupKind(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRole"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding"),
        GroupKind(group: "storage.k8s.io", kind: "StorageClass"),
        GroupKind(group: "", kind: "PersistentVolume"),
        GroupKind(group: "", kind: "ServiceAccount"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "Role"),
        GroupKind(group: "rbac.authorization.k8s.io", kind: "RoleBinding"),
        GroupKind(group: "", kind: "Secret"),
        GroupKind(group: "", kind: "ConfigMap"),
        GroupKind(group: "", kind: "PersistentVolumeClaim"),
        GroupKind(group: "", kind: "Service"),
        GroupKind(group: "apps", kind: "Deployment"),
        GroupKind(group: "apps", kind: "StatefulSet"),
        GroupKind(group: "apps", kind: "DaemonSet"),
        GroupKind(group: "apps", kind: "ReplicaSet"),
        GroupKind(group: "", kind: "ReplicationController"),
        GroupKind(group: "", kind: "Pod"),
        GroupKind(group: "batch", kind: "Job"),
        GroupKind(group: "batch", kind: "CronJob"),
        GroupKind(group: "autoscaling", kind: "HorizontalPodAutoscaler"),
        GroupKind(group: "policy", kind: "PodDisruptionBudget"),
        GroupKind(group: "networking.k8s.io", kind: "IngressClass"),
        GroupKind(group: "networking.k8s.io", kind: "Ingress"),
    ]

    private static let ranks: [GroupKind: Int] = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, $0) })

    /// Built-in kinds not in the list (NetworkPolicy, webhooks, …) go after Ingresses.
    static let otherBuiltInRank = ranked.count
    /// Custom resources go last.
    static let customResourceRank = ranked.count + 1

    /// Lower applies earlier.
    public static func rank(of groupKind: GroupKind) -> Int {
        if let rank = ranks[groupKind] { return rank }
        return isCustomResource(groupKind) ? customResourceRank : otherBuiltInRank
    }

    /// Kinds served from a CustomResourceDefinition rather than by the API server itself.
    public static func isCustomResource(_ groupKind: GroupKind) -> Bool {
        ranks[groupKind] == nil && SchemaResourceScopes.builtin.isNamespaced(groupKind) == nil
    }
}
