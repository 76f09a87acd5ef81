import Manifests

/// Group/version/kind → resource, from one discovery pass.
public struct RESTMapper: Sendable {
    public private(set) var resources: [APIResource]
    private var byType: [GroupVersionKind: APIResource] = [:]
    /// Versions of each group, most preferred first.
    private var versionsByGroup: [String: [String]] = [:]

    public init(resources: [APIResource], preferredVersions: [String: [String]] = [:]) {
        self.resources = resources
        versionsByGroup = preferredVersions
        for resource in resources where byType[resource.type] == nil {
            byType[resource.type] = resource
            if !(versionsByGroup[resource.type.group]?.contains(resource.type.version) ?? false) {
                versionsByGroup[resource.type.group, default: []].append(resource.type.version)
            }
        }
    }

    /// The mapping of an exact group, version and kind.
    public func resource(for type: GroupVersionKind) -> APIResource? { byType[type] }

    /// The mapping of a kind at the group's most preferred version that serves it.
    public func resource(for kind: GroupKind) -> APIResource? {
        for version in versionsByGroup[kind.group] ?? [] {
            if let found = byType[GroupVersionKind(group: kind.group, version: version, kind: kind.kind)] { return found }
        }
        return nil
    }

    /// A resource by plural name, e.g. `deployments` in group `apps`.
    public func resource(named plural: String, group: String) -> APIResource? {
        for version in versionsByGroup[group] ?? [] {
            if let found = resources.first(where: { $0.resource == plural && $0.type.group == group && $0.type.version == version }) {
                return found
            }
        }
        return nil
    }
}
