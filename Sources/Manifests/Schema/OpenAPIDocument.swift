/// The OpenAPI v3 documents kube-apiserver serves under `/openapi/v3`, generated from the schema.
///
/// kubectl reads them for `explain`, for strategic-merge patch metadata, and (through the PATCH
/// operations' `x-kubernetes-group-version-kind` and `fieldValidation` / `dryRun` parameters) to learn
/// that the server validates fields itself, so `kubectl apply` never falls back to client-side
/// validation. Descriptions are not carried.
extension KubeSchema {
    /// The group-versions that have a document, as `/openapi/v3` lists them: `api/v1`, `apis/apps/v1`, …
    public var openAPIGroupVersionPaths: [String] {
        var seen = Set<String>()
        return resources.compactMap { resource in
            let path = resource.group.isEmpty ? "api/\(resource.version)" : "apis/\(resource.group)/\(resource.version)"
            return seen.insert(path).inserted ? path : nil
        }.sorted()
    }

    /// The body of `/openapi/v3`: each group-version's document URL, with a hash of its content so
    /// kubectl's cache notices changes (`serverRelativeURL` as kube-apiserver writes it).
    public func openAPIDiscovery() -> JSON {
        var paths = JSONObject()
        for path in openAPIGroupVersionPaths {
            let parts = path.split(separator: "/").map(String.init)
            let group = parts.count == 3 ? parts[1] : ""
            let hash = documentAndHash(group: group, version: parts.last!).hash
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    /// The document of one group-version (`/openapi/v3/apis/apps/v1`): its resources' paths and
    /// every schema they reference, custom resources included.
    public func openAPIDocument(group: String, version: String) -> JSON {
        documentAndHash(group: group, version: version).document
    }

    /// Built-in group-versions never change, so their documents are made once and shared by every
    /// copy of the schema; group-versions with custom resources are made on each call.
    private func documentAndHash(group: String, version: String) -> (document: JSON, hash: String) {
        let served = resources.filter { $0.group == group && $0.version == version }
        let cacheable = served.allSatisfy { customRoots[$0.groupVersionKind] == nil }
        let key = "\(group)/\(version)/\(served.map(\.resource).joined(separator: ","))"
        if cacheable, let cached = definitions.documentCache.value(forKey: key) { return cached }
        let document = makeOpenAPIDocument(group: group, version: version)
        let made = (document, OpenAPIContentHash.hex(of: document.serializedBytes()))
        if cacheable { definitions.documentCache.store(made, forKey: key) }
        return made
    }

    private func makeOpenAPIDocument(group: String, version: String) -> JSON {
        let served = resources.filter { $0.group == group && $0.version == version }
        var paths = JSONObject()
        var roots: [String] = ["io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
                               "io.k8s.apimachinery.pkg.apis.meta.v1.Patch", "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent",
                               "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList"]
        var customSchemas = JSONObject()
        for resource in served {
            let names = componentNames(for: resource)
            if let custom = customRoots[resource.groupVersionKind] {
                customSchemas[names.object] = customComponent(custom, resource: resource)
                customSchemas[names.list] = customListComponent(resource: resource, itemName: names.object)
                roots.append("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
                roots.append("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta")
                KubeSchema.collectReferences(in: custom, into: &roots)
            } else {
                roots.append(names.object)
                if !names.list.isEmpty { roots.append(names.list) }
            }
            if resource.hasScale { roots.append("io.k8s.api.autoscaling.v1.Scale") }
            OpenAPIPaths.add(resource, objectSchema: names.object, listSchema: names.list,
                             custom: customRoots[resource.groupVersionKind] != nil, to: &paths)
        }
        var schemas = JSONObject()
        for name in definitionClosure(of: roots) { schemas[name] = definitions.byName[name] }
        for (name, schema) in customSchemas { schemas[name] = schema }
        let title = "Kubernetes"
        return ["openapi": "3.0.0",
                "info": ["title": .string(title), "version": .string("v" + kubernetesVersion)],
                "paths": .object(paths),
                "components": ["schemas": .object(schemas.sortedByKey())]]
    }

    /// Component names of a resource's object and list: the definitions of built-ins, the
    /// reversed-group form (`com.example.v1.Widget`) kube-apiserver uses for custom resources.
    /// Create-only kinds (access reviews) have no list: its name is empty.
    func componentNames(for resource: ServedResource) -> (object: String, list: String) {
        let listKind = GroupVersionKind(group: resource.group, version: resource.version, kind: resource.listKind)
        if customRoots[resource.groupVersionKind] == nil, let object = definitionNameByKind[resource.groupVersionKind] {
            return (object, definitionNameByKind[listKind] ?? "")
        }
        let prefix = resource.group.split(separator: ".").reversed().joined(separator: ".") + "." + resource.version
        return (prefix + "." + resource.kind, prefix + "." + resource.listKind)
    }

    private func customComponent(_ root: JSON, resource: ServedResource) -> JSON {
        var schema = root
        schema["x-kubernetes-group-version-kind"] = [["group": .string(resource.group), "kind": .string(resource.kind), "version": .string(resource.version)]]
        return schema
    }

    private func customListComponent(resource: ServedResource, itemName: String) -> JSON {
        ["type": "object", "required": ["items"],
         "properties": ["apiVersion": ["type": "string"], "kind": ["type": "string"],
                        "items": ["type": "array", "items": ["$ref": .string(SchemaDefinitions.referencePrefix + itemName)]],
                        "metadata": ["$ref": .string(SchemaDefinitions.referencePrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta")]],
         "x-kubernetes-group-version-kind": [["group": .string(resource.group), "kind": .string(resource.listKind), "version": .string(resource.version)]]]
    }
}

/// A short content hash for document URLs (FNV-1a, 64 bits, as 16 hex digits), enough for cache busting.
enum OpenAPIContentHash {
    static func hex(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
