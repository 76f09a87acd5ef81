import Manifests

/// One REST resource the cluster serves: the schema's discovery facts plus what this server
/// needs to behave like kube-apiserver for it (generation tracking, printer columns).
struct ClusterResource: Sendable, Hashable {
    var group: String
    var version: String
    var kind: String
    /// The plural name used in URLs, e.g. `deployments`.
    var resource: String
    var singular: String
    var namespaced: Bool
    var shortNames: [String] = []
    var categories: [String] = []
    var verbs: [String]
    var hasStatus: Bool = false
    var hasScale: Bool = false
    /// Whether `metadata.generation` is kept and bumped on spec changes (workloads, custom
    /// resources); ConfigMaps, Secrets, Services, Pods … have no generation on a real server.
    var tracksGeneration: Bool
    /// Defined by a CustomResourceDefinition rather than built in.
    var isCustom: Bool
    /// For custom resources: the CRD version's `additionalPrinterColumns`, used for Table output.
    var printerColumns: [JSON] = []
    /// For custom resources: the version's `openAPIV3Schema`.
    var customSchema: JSON? = nil

    init(served: ServedResource, isCustom: Bool) {
        group = served.group
        version = served.version
        kind = served.kind
        resource = served.resource
        singular = served.singular
        namespaced = served.namespaced
        shortNames = served.shortNames
        categories = served.categories
        verbs = served.verbs.isEmpty ? ServedResource.standardVerbs : served.verbs
        hasStatus = served.hasStatus
        hasScale = served.hasScale
        self.isCustom = isCustom
        tracksGeneration = isCustom || Self.kindsWithGeneration.contains("\(served.group)/\(served.kind)")
    }

    /// Built-in kinds whose registry strategy sets and bumps `metadata.generation`.
    static let kindsWithGeneration: Set<String> = [
        "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "apps/DaemonSet", "batch/Job", "batch/CronJob",
        "networking.k8s.io/Ingress", "networking.k8s.io/IngressClass", "networking.k8s.io/NetworkPolicy",
        "autoscaling/HorizontalPodAutoscaler", "policy/PodDisruptionBudget", "apiextensions.k8s.io/CustomResourceDefinition",
        "storage.k8s.io/StorageClass", "/ReplicationController", "discovery.k8s.io/EndpointSlice",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration", "admissionregistration.k8s.io/MutatingWebhookConfiguration",
        "admissionregistration.k8s.io/ValidatingAdmissionPolicy", "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
        "flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
    ]

    var groupResource: GroupResource { GroupResource(group: group, resource: resource) }
    /// Where its objects are stored: `events.k8s.io` Events are core Events (`VersionConversion`).
    var storage: GroupResource { group == "events.k8s.io" ? GroupResource(group: "", resource: resource) : groupResource }
    var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    var groupKind: GroupKind { GroupKind(group: group, kind: kind) }
    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    var listKind: String { kind + "List" }
}
