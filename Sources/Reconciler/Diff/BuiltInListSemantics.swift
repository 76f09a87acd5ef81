import Manifests

/// The keyed lists of the common built-in kinds, from the Kubernetes 1.32 API
/// (`patchMergeKey` / `x-kubernetes-list-map-keys`), until the full schema is wired in.
public struct BuiltInListSemantics: ListSemantics {
    public init() {}

    public func listType(of groupKind: GroupKind, at path: [String]) -> ListType? {
        if path.count >= 2, path[path.count - 2] == "metadata" {
            switch path.last {
            case "finalizers": return .set
            case "ownerReferences": return .map(keys: ["uid"])
            default: break
            }
        }
        if let prefix = BuiltInListSemantics.podSpecPrefix(of: groupKind), path.count > prefix.count,
           Array(path.prefix(prefix.count)) == prefix {
            if let type = BuiltInListSemantics.podSpecLists[Array(path.dropFirst(prefix.count))] { return type }
        }
        if let type = BuiltInListSemantics.kindLists[groupKind]?[path] { return type }
        return nil
    }

    /// Where the pod spec sits in kinds that run pods.
    static func podSpecPrefix(of groupKind: GroupKind) -> [String]? {
        switch (groupKind.group, groupKind.kind) {
        case ("", "Pod"): return ["spec"]
        case ("", "PodTemplate"): return ["template", "spec"]
        case ("", "ReplicationController"): return ["spec", "template", "spec"]
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"),
             ("batch", "Job"):
            return ["spec", "template", "spec"]
        case ("batch", "CronJob"): return ["spec", "jobTemplate", "spec", "template", "spec"]
        default: return nil
        }
    }

    static let containerLists: [[String]: ListType] = [
        ["ports"]: .map(keys: ["containerPort", "protocol"]),
        ["env"]: .map(keys: ["name"]),
        ["envFrom"]: .atomic,
        ["volumeMounts"]: .map(keys: ["mountPath"]),
        ["volumeDevices"]: .map(keys: ["devicePath"]),
        ["resizePolicy"]: .map(keys: ["resourceName"]),
        ["args"]: .atomic,
        ["command"]: .atomic,
    ]

    /// Lists inside a pod spec, relative to it.
    static let podSpecLists: [[String]: ListType] = {
        var lists: [[String]: ListType] = [
            ["volumes"]: .map(keys: ["name"]),
            ["imagePullSecrets"]: .map(keys: ["name"]),
            ["hostAliases"]: .map(keys: ["ip"]),
            ["tolerations"]: .atomic,
            ["topologySpreadConstraints"]: .map(keys: ["topologyKey", "whenUnsatisfiable"]),
            ["resourceClaims"]: .map(keys: ["name"]),
            ["schedulingGates"]: .map(keys: ["name"]),
            ["readinessGates"]: .atomic,
        ]
        for containers in ["containers", "initContainers", "ephemeralContainers"] {
            lists[[containers]] = .map(keys: ["name"])
            for (subpath, type) in containerLists { lists[[containers] + subpath] = type }
        }
        return lists
    }()

    /// Lists outside pod specs, per kind.
    static let kindLists: [GroupKind: [[String]: ListType]] = [
        GroupKind(group: "", kind: "Service"): [
            ["spec", "ports"]: .map(keys: ["port", "protocol"]),
            ["spec", "clusterIPs"]: .atomic,
            ["spec", "ipFamilies"]: .atomic,
            ["spec", "externalIPs"]: .atomic,
        ],
        GroupKind(group: "apps", kind: "StatefulSet"): [
            ["spec", "volumeClaimTemplates"]: .atomic,
        ],
        GroupKind(group: "networking.k8s.io", kind: "Ingress"): [
            ["spec", "rules"]: .atomic,
            ["spec", "tls"]: .atomic,
        ],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "Role"): [["rules"]: .atomic],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRole"): [["rules"]: .atomic],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "RoleBinding"): [["subjects"]: .atomic],
        GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding"): [["subjects"]: .atomic],
    ]
}
