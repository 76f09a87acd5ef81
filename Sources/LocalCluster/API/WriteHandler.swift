import Manifests
import NIOHTTP1
import Foundation

/// POST, PUT and PATCH: turns a request into the new state of one object, runs admission and
/// stores it with a resourceVersion precondition (retrying when the client gave none).
struct WriteHandler: Sendable {
    let context: ClusterContext
    let admission: ObjectAdmission

    // MARK: Create

    func create(_ target: ResourceRequest, request: APIRequest) async throws -> APIResponse {
        let options = try WriteOptions(request)
        var object = try RequestBody.object(request, for: target)
        if target.resource.namespaced {
            let requested = target.namespace ?? ""
            let given = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if !given.isEmpty && given != requested {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: ["metadata", "namespace"]] = .string(requested)
        } else {
            object[path: ["metadata", "namespace"]] = nil
        }
        let (stored, warnings) = try await create(object, target: target, options: options)
        return ObjectEncoding(request: request).single(stored, resource: target.resource).withStatus(.created).withWarnings(warnings)
    }

    /// Creates an already-typed object (also used by server-side apply of a new object).
    func create(_ object: JSON, target: ResourceRequest, options: WriteOptions) async throws -> (StoredObject, [String]) {
        var object = object
        var name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty, let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty {
            name = ObjectLifecycle.generatedName(prefix)
            object[path: ["metadata", "name"]] = .string(name)
        }
        if name.isEmpty {
            throw APIError.invalid(kind: target.resource.groupKind, name: "",
                                   causes: [FieldCause(reason: "FieldValueRequired", message: "Required value: name or generateName is required",
                                                       field: "metadata.name")])
        }
        if target.resource.namespaced { try await requireLiveNamespace(target.namespace ?? "") }
        object = try ObjectLifecycle.prepareCreate(object, resource: target.resource)
        let warnings = try admission.admit(&object, old: nil, resource: target.resource, options: options)
        let stored = try await context.store.create(target.key(name: name), object, dryRun: options.dryRun)
        return (stored, warnings)
    }

    private func requireLiveNamespace(_ namespace: String) async throws {
        let key = ObjectKey(resource: GroupResource(group: "", resource: "namespaces"), namespace: "", name: namespace)
        guard let stored = await context.store.get(key) else {
            throw APIError.notFound(GroupResource(group: "", resource: "namespaces"), name: namespace)
        }
        if stored.object[path: ["metadata", "deletionTimestamp"]] != nil {
            throw APIError(code: 403, reason: "Forbidden",
                           message: "unable to create new content in namespace \(namespace) because it is being terminated",
                           details: ["name": .string(namespace), "kind": "namespaces"])
        }
    }

    // MARK: Update

    func update(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        let options = try WriteOptions(request)
        let body = try RequestBody.object(request, for: target)
        if target.subresource != "scale" {
            let bodyName = body[path: ["metadata", "name"]]?.stringValue ?? ""
            if bodyName != name {
                throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
            }
        }
        let precondition = body[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let (stored, warnings) = try await modify(target, name: name, options: options, precondition: precondition) { current in
            if target.subresource == "scale" {
                return try scaled(current, replicas: ScaleSubresource.replicas(in: body))
            }
            var new = body
            if target.resource.namespaced { new[path: ["metadata", "namespace"]] = current[path: ["metadata", "namespace"]] }
            return new
        }
        return respond(stored, target: target, request: request, warnings: warnings)
    }

    // MARK: Patch

    func patch(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        let options = try WriteOptions(request)
        let contentType = request.contentType
        if contentType == "application/apply-patch+yaml" {
            return try await ApplyHandler(writer: self).apply(target, name: name, request: request, options: options)
        }
        let patch = try RequestBody.json(request)
        let (stored, warnings) = try await modify(target, name: name, options: options, precondition: nil) { current in
            if target.subresource == "scale" {
                let scale = try PatchSeam.apply(contentType: contentType, patch: patch, to: ScaleSubresource.scale(of: current))
                return try scaled(current, replicas: ScaleSubresource.replicas(in: scale))
            }
            var patched = try PatchSeam.apply(contentType: contentType, patch: patch, to: current)
            if let version = patch[path: ["metadata", "resourceVersion"]]?.stringValue,
               version != current[path: ["metadata", "resourceVersion"]]?.stringValue {
                throw APIError.modified(target.groupResource, name: name)
            }
            patched[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            return patched
        }
        return respond(stored, target: target, request: request, warnings: warnings)
    }

    // MARK: Shared

    /// Reads the current object, lets `change` compute the client's new version, applies the
    /// server's rules and stores it if the object has not changed meanwhile.
    func modify(_ target: ResourceRequest, name: String, options: WriteOptions, precondition: String?,
                change: (JSON) throws -> JSON) async throws -> (StoredObject, [String]) {
        let key = target.key(name: name)
        while true {
            guard let current = await context.store.get(key) else { throw APIError.notFound(target.groupResource, name: name) }
            if let precondition, precondition != String(current.resourceVersion) {
                throw APIError.modified(target.groupResource, name: name)
            }
            let requested = try change(current.object)
            let subresource = target.subresource == "scale" ? nil : target.subresource
            var new = ObjectLifecycle.prepareUpdate(requested, old: current.object, resource: target.resource, subresource: subresource)
            let warnings = try admission.admit(&new, old: current.object, resource: target.resource, options: options)
            do {
                let stored = try await context.store.update(key, new, expected: current.resourceVersion, dryRun: options.dryRun)
                if !options.dryRun { try await Finalization(context: context).finishIfReleased(stored, key: key) }
                return (stored, warnings)
            } catch let error as APIError where error.reason == "Conflict" && precondition == nil {
                continue
            }
        }
    }

    private func scaled(_ object: JSON, replicas: Int64) throws -> JSON {
        var copy = object
        copy[path: ["spec", "replicas"]] = .int(replicas)
        return copy
    }

    private func respond(_ stored: StoredObject, target: ResourceRequest, request: APIRequest, warnings: [String]) -> APIResponse {
        if target.subresource == "scale" { return .json(ScaleSubresource.scale(of: stored.object)).withWarnings(warnings) }
        return ObjectEncoding(request: request).single(stored, resource: target.resource).withWarnings(warnings)
    }
}

extension APIResponse {
    func withStatus(_ status: HTTPResponseStatusCode) -> APIResponse {
        guard case .complete(_, let headers, let body) = self else { return self }
        return .complete(status: status.status, headers: headers, body: body)
    }

    /// `Warning: 299 - "message"` headers, as the API server sends them.
    func withWarnings(_ warnings: [String]) -> APIResponse {
        var response = self
        for warning in warnings {
            let escaped = warning.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            response = response.adding(header: "Warning", value: "299 - \"\(escaped)\"")
        }
        return response
    }
}

/// The response codes writes use besides 200.
enum HTTPResponseStatusCode {
    case created

    var status: HTTPResponseStatus {
        switch self { case .created: return .created }
    }
}
