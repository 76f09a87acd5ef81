import Manifests
import MergePatch

/// Server-side apply (`application/apply-patch+yaml`): merges the applied configuration by the
/// schema with Manifests' `ServerSideApply` (managed fields, conflicts, `force`, removal of fields
/// the manager stopped applying), creating the object when it does not exist.
struct ApplyHandler: Sendable {
    let writer: WriteHandler

    func apply(_ target: ResourceRequest, name: String, request: APIRequest, options: WriteOptions) async throws -> APIResponse {
        guard let manager = options.fieldManager, !manager.isEmpty else {
            throw StatusError.invalid(kind: GroupKind(group: "meta.k8s.io", kind: "PatchOptions"), name: "",
                                   causes: [.required(FieldErrorPath("fieldManager"), "is required for apply patch")])
        }
        if target.subresource == "scale" { throw StatusError.unsupportedMediaType(request.contentType) }
        var config = try RequestBody.object(request, for: target)
        let appliedName = config[path: ["metadata", "name"]]?.stringValue ?? ""
        if appliedName != name {
            throw StatusError.badRequest("the name of the object (\(appliedName)) does not match the name on the URL (\(name))")
        }
        if target.resource.namespaced {
            let given = config[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if !given.isEmpty && given != target.namespace {
                throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            config[path: ["metadata", "namespace"]] = .string(target.namespace ?? "")
        }
        let registry = writer.context.registry
        let admission = ObjectAdmission(registry: registry)
        let (decoded, warnings) = try admission.decode(config, body: request.body, resource: target.resource, options: options)
        let recorder = ManagedFieldsRecorder(registry: registry, resource: target.resource, subresource: target.subresource ?? "")
        let key = target.key(name: name)
        if await writer.context.store.get(key) == nil {
            if target.subresource != nil { throw StatusError.notFound(target.groupResource, name: name) }
            let created = try recorder.apply(decoded, to: nil, manager: manager, force: options.force)
            do {
                let stored = try await writer.create(created, target: target, options: options, manager: nil)
                return ObjectEncoding(request: request).single(stored, resource: target.resource)
                    .withStatus(.created).withWarnings(warnings)
            } catch let error as StatusError where error.reason == "AlreadyExists" {
                // Lost a race with another creator: apply to what is there now.
            }
        }
        let (stored, _) = try await writer.modify(target, name: name, options: options, precondition: nil,
                                                  manager: nil, body: nil) { current in
            var merged = try recorder.apply(decoded, to: current, manager: manager, force: options.force)
            merged[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            return merged
        }
        return ObjectEncoding(request: request).single(stored, resource: target.resource).withWarnings(warnings)
    }
}
