import Manifests

/// One REST resource the cluster serves: its names, scope, verbs and subresources, as discovery
/// documents and request routing need them.
struct APIResource: Sendable, Hashable {
    var group: String
    var version: String
    var kind: String
    var resource: String
    var singular: String
    var namespaced: Bool
    var shortNames: [String] = []
    var categories: [String] = []
    var verbs: [String] = APIResource.allVerbs
    var hasStatus: Bool = false
    var hasScale: Bool = false
    /// Whether `metadata.generation` is kept and bumped on spec changes (workloads, custom
    /// resources); ConfigMaps, Secrets, Services, Pods … have no generation on a real server.
    var tracksGeneration: Bool = false
    /// Defined by a CustomResourceDefinition rather than built in.
    var isCustom: Bool = false
    /// For custom resources: the CRD's printer columns, used for Table output.
    var printerColumns: [JSON] = []
    /// For custom resources: the version's `openAPIV3Schema`.
    var customSchema: JSON? = nil

    static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    var groupResource: GroupResource { GroupResource(group: group, resource: resource) }
    var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    var groupKind: GroupKind { GroupKind(group: group, kind: kind) }
    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    var listKind: String { kind + "List" }

}
