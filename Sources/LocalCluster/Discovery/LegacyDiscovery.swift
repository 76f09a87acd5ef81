import Manifests

/// The per-group discovery documents (`/api`, `/api/v1`, `/apis`, `/apis/G`, `/apis/G/V`) that
/// clients fall back to when they do not ask for aggregated discovery.
enum LegacyDiscovery {
    static func coreVersions(serverAddress: String) -> JSON {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    static func groupList(_ registry: ResourceRegistry) -> JSON {
        ["kind": "APIGroupList", "apiVersion": "v1",
         "groups": .array(registry.groups.filter { !$0.isEmpty }.map { group(named: $0, registry).withoutTypeMeta })]
    }

    static func group(named name: String, _ registry: ResourceRegistry) -> JSON {
        let versions = registry.versions(of: name).map { version -> JSON in
            ["groupVersion": .string("\(name)/\(version)"), "version": .string(version)]
        }
        return ["kind": "APIGroup", "apiVersion": "v1", "name": .string(name), "versions": .array(versions),
                "preferredVersion": versions.first ?? .null]
    }

    static func resourceList(group: String, version: String, _ registry: ResourceRegistry) -> JSON {
        var entries: [JSON] = []
        for resource in registry.resources(group: group, version: version) {
            var entry: JSONObject = [
                "name": .string(resource.resource), "singularName": .string(resource.singular),
                "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind),
                "verbs": .array(resource.verbs.map(JSON.string)),
            ]
            if !resource.shortNames.isEmpty { entry["shortNames"] = .array(resource.shortNames.map(JSON.string)) }
            if !resource.categories.isEmpty { entry["categories"] = .array(resource.categories.map(JSON.string)) }
            entries.append(.object(entry))
            for sub in Subresource.of(resource) {
                var subEntry: JSONObject = [
                    "name": .string("\(resource.resource)/\(sub.name)"), "singularName": "",
                    "namespaced": .bool(resource.namespaced), "kind": .string(sub.kind.kind),
                    "verbs": .array(sub.verbs.map(JSON.string)),
                ]
                if sub.kind.group != resource.group || sub.kind.version != resource.version {
                    subEntry["group"] = .string(sub.kind.group)
                    subEntry["version"] = .string(sub.kind.version)
                }
                entries.append(.object(subEntry))
            }
        }
        var list: JSONObject = ["kind": "APIResourceList"]
        if !group.isEmpty { list["apiVersion"] = "v1" }
        list["groupVersion"] = .string(group.isEmpty ? version : "\(group)/\(version)")
        list["resources"] = .array(entries)
        return .object(list)
    }
}

extension JSON {
    /// The object without `kind` / `apiVersion` (as nested inside a list).
    var withoutTypeMeta: JSON {
        guard var object = objectValue else { return self }
        object["kind"] = nil
        object["apiVersion"] = nil
        return .object(object)
    }
}
