import Manifests

/// Every resource the cluster serves right now: the built-ins plus the custom resources of
/// Established CRDs. Answers "which resource does this URL / kind mean".
struct ResourceRegistry: Sendable {
    private(set) var resources: [APIResource]
    private var byPath: [String: APIResource] = [:]
    private var byKind: [GroupVersionKind: APIResource] = [:]

    init(resources: [APIResource] = BuiltinResources.all) {
        self.resources = resources
        reindex()
    }

    /// The resource at `/api(s)/<group>/<version>/<plural>`.
    func resource(group: String, version: String, plural: String) -> APIResource? {
        byPath["\(group)/\(version)/\(plural)"]
    }

    func resource(for type: GroupVersionKind) -> APIResource? { byKind[type] }

    /// Any served version of a group's resource (storage is version-independent).
    func resource(_ groupResource: GroupResource) -> APIResource? {
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

    func resources(group: String, version: String) -> [APIResource] {
        resources.filter { $0.group == group && $0.version == version }
    }

    /// Replaces the custom resources a CRD defines (empty list removes them).
    mutating func setCustomResources(_ served: [APIResource], for groupResource: GroupResource) {
        resources.removeAll { $0.isCustom && $0.groupResource == groupResource }
        resources.append(contentsOf: served)
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
