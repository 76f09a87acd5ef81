import Manifests
import MergePatch

/// Applies a client's PATCH body (JSON merge, strategic merge, JSON patch) to an object with
/// the Manifests patch engines, mapping their errors to the API server's Status codes.
struct PatchApplication: Sendable {
    let registry: ResourceRegistry

    func apply(contentType: String, patch: JSON, to object: JSON, resource: ClusterResource, scale: Bool) throws -> JSON {
        switch contentType {
        case "application/merge-patch+json":
            return JSONMergePatch.apply(patch, to: object)
        case "application/strategic-merge-patch+json":
            if resource.isCustom && !scale {
                throw StatusError(code: 415, reason: "UnsupportedMediaType",
                               message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
            }
            let kind = scale ? GroupVersionKind(group: "autoscaling", version: "v1", kind: "Scale") : resource.groupVersionKind
            do {
                return try StrategicMergePatch.apply(patch, to: object, schema: registry.schema.mergeSchema(for: kind))
            } catch {
                throw StatusError(code: error.httpStatus, reason: Self.reason(error.httpStatus), message: error.message)
            }
        case "application/json-patch+json":
            do {
                return try JSONPatch.apply(patch, to: object)
            } catch {
                let code = error.kind == .malformed ? 400 : 422
                throw StatusError(code: code, reason: Self.reason(code), message: error.message)
            }
        default:
            throw StatusError.unsupportedMediaType(contentType)
        }
    }

    private static func reason(_ code: Int) -> String {
        switch code {
        case 400: return "BadRequest"
        case 422: return "Invalid"
        default: return "InternalError"
        }
    }
}
