import Manifests

/// Every resource the cluster serves right now: the built-in 1.32 kinds of the bundled schema
/// plus the custom resources of Established CRDs, with the schema (CRD structural schemas
/// included) that admission, patches and OpenAPI use. Answers "which resource does this URL mean".
struct ResourceRegistry: Sendable {
    private(set) var schema: KubeSchema
    private(set) var resources: [ClusterResource]
    private var byPath: [String: ClusterResource] = [:]
    private var byKind: [GroupVersionKind: ClusterResource] = [:]

    init(schema: KubeSchema = .builtin) {
        self.schema = schema
        resources = schema.resources.map { ClusterResource(served: $0, isCustom: false) }
        reindex()
    }

    /// The resource at `/api(s)/<group>/<version>/<plural>`.
    func resource(group: String, version: String, plural: String) -> ClusterResource? {
        byPath["\(group)/\(version)/\(plural)"]
    }

    func resource(for type: GroupVersionKind) -> ClusterResource? { byKind[type] }

    /// Any served version of a group's resource (storage is version-independent).
    func resource(_ groupResource: GroupResource) -> ClusterResource? {
        resources.first { $0.groupResource == groupResource }
    }

    func servesGroupVersion(group: String, version: String) -> Bool {
        resources.contains { $0.group == group && $0.version == version }
    }

    /// Group names in discovery order: the core group first, built-ins in their order, then CRDs.
    var groups: [String] {
        var seen: Set<String> = []
        return resources.map(\.group).filter { seen.insert($0).inserted }
    }

    func versions(of group: String) -> [String] {
        var seen: Set<String> = []
        return resources.filter { $0.group == group }.map(\.version).filter { seen.insert($0).inserted }
    }

    func resources(group: String, version: String) -> [ClusterResource] {
        resources.filter { $0.group == group && $0.version == version }
    }

    /// Serves (or re-serves) the versions of a CRD; throws when the CRD is unusable.
    mutating func register(customResourceDefinition crd: JSON) throws {
        let updated = try schema.adding(customResourceDefinition: crd)
        guard let group = crd[path: ["spec", "group"]]?.stringValue,
              let plural = crd[path: ["spec", "names", "plural"]]?.stringValue else { return }
        let versions = crd[path: ["spec", "versions"]]?.arrayValue ?? []
        schema = updated
        resources.removeAll { $0.group == group && $0.resource == plural }
        for served in updated.resources where served.group == group && served.resource == plural {
            var resource = ClusterResource(served: served, isCustom: true)
            let version = versions.first { $0["name"]?.stringValue == served.version }
            resource.printerColumns = version?["additionalPrinterColumns"]?.arrayValue ?? []
            resource.customSchema = version?[path: ["schema", "openAPIV3Schema"]]
            resources.append(resource)
        }
        reindex()
    }

    /// Stops serving a CRD's resources.
    mutating func unregister(group: String, plural: String) {
        schema = schema.removingCustomResources(group: group, plural: plural)
        resources.removeAll { $0.isCustom && $0.group == group && $0.resource == plural }
        reindex()
    }

    private mutating func reindex() {
        byPath = [:]
        byKind = [:]
        for resource in resources {
            byPath["\(resource.group)/\(resource.version)/\(resource.resource)"] = resource
            byKind[resource.groupVersionKind] = resource
        }
    }
}
