import Manifests

/// Aggregated discovery (`apidiscovery.k8s.io/v2`): every group, version and resource in one
/// answer to `/api` or `/apis`, which kubectl 1.30+ asks for in its Accept header.
enum AggregatedDiscovery {
    static let contentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    /// Whether one of the Accept header's media types asks for the v2 document.
    static func isRequested(accept: String) -> Bool {
        accept.split(separator: ",").contains { mediaType in
            let parameters = Set(mediaType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            return parameters.contains("g=apidiscovery.k8s.io") && parameters.contains("v=v2")
                && parameters.contains("as=APIGroupDiscoveryList")
        }
    }

    /// The document for the core group (`/api`) or for all named groups (`/apis`).
    static func document(core: Bool, _ registry: ResourceRegistry) -> JSON {
        let groups = registry.groups.filter { core ? $0.isEmpty : !$0.isEmpty }
        let items = groups.map { group -> JSON in
            var metadata: JSONObject = ["creationTimestamp": .null]
            if !group.isEmpty { metadata["name"] = .string(group) }
            let versions = registry.versions(of: group).map { version -> JSON in
                ["version": .string(version),
                 "resources": .array(registry.resources(group: group, version: version).map(entry)),
                 "freshness": "Current"]
            }
            return ["metadata": .object(metadata), "versions": .array(versions)]
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2",
                "metadata": .object([:]), "items": .array(items)]
    }

    private static func entry(_ resource: ClusterResource) -> JSON {
        var entry: JSONObject = [
            "resource": .string(resource.resource),
            "responseKind": kind(resource.groupVersionKind),
            "scope": .string(resource.namespaced ? "Namespaced" : "Cluster"),
            "singularResource": .string(resource.singular),
            "verbs": .array(resource.verbs.map(JSON.string)),
        ]
        if !resource.shortNames.isEmpty { entry["shortNames"] = .array(resource.shortNames.map(JSON.string)) }
        if !resource.categories.isEmpty { entry["categories"] = .array(resource.categories.map(JSON.string)) }
        let subresources = Subresource.of(resource)
        if !subresources.isEmpty {
            entry["subresources"] = .array(subresources.map { sub in
                ["subresource": .string(sub.name), "responseKind": kind(sub.kind),
                 "verbs": .array(sub.verbs.map(JSON.string))]
            })
        }
        return .object(entry)
    }

    private static func kind(_ type: GroupVersionKind) -> JSON {
        ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
    }
}
