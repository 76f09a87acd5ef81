import Manifests

/// `/openapi/v3` (the index) and `/openapi/v3/api/v1`, `/openapi/v3/apis/G/V`. `/openapi/v2`
/// is not served (404), as kubectl 1.32 prefers v3 and only falls back to v2.
struct OpenAPIEndpoints: Sendable {
    let context: ClusterContext

    func respond(path: String, request: APIRequest) throws -> APIResponse {
        let documents = OpenAPIDocuments(registry: context.registry, schemas: OpenAPISchemaSource())
        if path == "/openapi/v3" { return .json(documents.index(basePath: request.basePath)) }
        let segments = path.split(separator: "/").map(String.init)
        if segments.count == 4, segments[2] == "api", context.registry.servesGroupVersion(group: "", version: segments[3]) {
            return .json(documents.document(group: "", version: segments[3]))
        }
        if segments.count == 5, segments[2] == "apis", context.registry.servesGroupVersion(group: segments[3], version: segments[4]) {
            return .json(documents.document(group: segments[3], version: segments[4]))
        }
        throw APIError.resourceNotFound
    }
}
