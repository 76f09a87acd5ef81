import Foundation
import Manifests

/// OpenAPI v3 documents as kubectl reads them: an index of group-versions, and per group-version
/// the REST paths (whose PATCH operations carry `x-kubernetes-group-version-kind` and the
/// `fieldValidation` parameter, which is how kubectl decides to validate on the server) and
/// the component schemas.
struct OpenAPIDocuments: Sendable {
    let registry: ResourceRegistry
    let schemas: OpenAPISchemaSource

    /// `/openapi/v3`: `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=…"}}}`.
    func index(basePath: String) -> JSON {
        var paths: JSONObject = [:]
        for group in registry.groups {
            for version in registry.versions(of: group) {
                let key = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
                let hash = Self.hash(document(group: group, version: version).serializedBytes())
                paths[key] = ["serverRelativeURL": .string("\(basePath)/openapi/v3/\(key)?hash=\(hash)")]
            }
        }
        return ["paths": .object(paths)]
    }

    func document(group: String, version: String) -> JSON {
        var paths: JSONObject = [:]
        var kinds: [GroupVersionKind] = []
        for resource in registry.resources(group: group, version: version) {
            kinds.append(resource.groupVersionKind)
            for (path, item) in RESTPaths(resource: resource, schemas: schemas).items() { paths[path] = item }
        }
        if kinds.contains(where: { _ in true }) && registry.resources(group: group, version: version).contains(where: \.hasScale) {
            kinds.append(GroupVersionKind(group: "autoscaling", version: "v1", kind: "Scale"))
        }
        return ["openapi": "3.0.0",
                "info": ["title": "Kubernetes", "version": "v1.32.0"],
                "paths": .object(paths),
                "components": ["schemas": .object(schemas.components(for: kinds, registry: registry))]]
    }

    /// A stable hex digest (FNV-1a, twice, 128 bits) of a document, for its cache-busting URL.
    static func hash(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte ^ 0x5a)) &* 0x100_0000_01b3
        }
        return String(format: "%016llX%016llX", a, b)
    }
}
