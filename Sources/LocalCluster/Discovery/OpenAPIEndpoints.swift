import Manifests

/// `/openapi/v3` (the index) and `/openapi/v3/api/v1`, `/openapi/v3/apis/G/V`, generated from the
/// schema (custom resources included); `/openapi/v2` in its protobuf form for older kubectl.
struct OpenAPIEndpoints: Sendable {
    let context: ClusterContext

    func respond(path: String, request: APIRequest) throws -> APIResponse {
        let schema = context.registry.schema
        if path == "/openapi/v2" {
            return .bytes(OpenAPIV2Document.protobuf(context.registry), contentType: OpenAPIV2Document.contentType)
        }
        if path == "/openapi/v3" {
            // Server-relative URLs must keep the token path prefix the client came through.
            guard var paths = schema.openAPIDiscovery()["paths"]?.objectValue else { return .json(["paths": .object([:])]) }
            for (key, entry) in paths {
                if let url = entry["serverRelativeURL"]?.stringValue {
                    paths[key] = ["serverRelativeURL": .string(request.basePath + url)]
                }
            }
            return .json(["paths": .object(paths)])
        }
        let segments = path.split(separator: "/").map(String.init)
        if segments.count == 4, segments[2] == "api", context.registry.servesGroupVersion(group: "", version: segments[3]) {
            return .json(schema.openAPIDocument(group: "", version: segments[3]))
        }
        if segments.count == 5, segments[2] == "apis", context.registry.servesGroupVersion(group: segments[3], version: segments[4]) {
            return .json(schema.openAPIDocument(group: segments[3], version: segments[4]))
        }
        throw StatusError.resourceNotFound
    }
}
