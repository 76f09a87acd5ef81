import Manifests

/// Server-side apply (`application/apply-patch+yaml`): creates the object when missing, else
/// merges the applied configuration.
/// TODO: replace the merge with Manifests' SSA (managed fields, conflicts, removal of fields a
/// manager stops applying) when it lands.
struct ApplyHandler: Sendable {
    let writer: WriteHandler

    func apply(_ target: ResourceRequest, name: String, request: APIRequest, options: WriteOptions) async throws -> APIResponse {
        guard let manager = options.fieldManager, !manager.isEmpty else {
            throw APIError.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
        }
        var applied = try RequestBody.object(request, for: target)
        let appliedName = applied[path: ["metadata", "name"]]?.stringValue ?? ""
        if appliedName != name {
            throw APIError.badRequest("the name of the object (\(appliedName)) does not match the name on the URL (\(name))")
        }
        if target.resource.namespaced { applied[path: ["metadata", "namespace"]] = .string(target.namespace ?? "") }
        let key = target.key(name: name)
        if await writer.context.store.get(key) == nil && target.subresource == nil {
            do {
                let (stored, warnings) = try await writer.create(applied, target: target, options: options)
                return ObjectEncoding(request: request).single(stored, resource: target.resource)
                    .withStatus(.created).withWarnings(warnings)
            } catch let error as APIError where error.reason == "AlreadyExists" {
                // Lost a race with another creator: fall through to update.
            }
        }
        let (stored, warnings) = try await writer.modify(target, name: name, options: options, precondition: nil) { current in
            var merged = PatchSeam.mergePatch(applied, current)
            merged[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            return merged
        }
        return ObjectEncoding(request: request).single(stored, resource: target.resource).withWarnings(warnings)
    }
}
