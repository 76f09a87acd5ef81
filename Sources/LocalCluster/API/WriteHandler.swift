import Foundation
import Manifests
import NIOHTTP1

/// POST, PUT and PATCH: turns a request into the new state of one object, runs admission,
/// records managed fields and stores it with a resourceVersion precondition (retrying when the
/// client gave none, as the API server's GuaranteedUpdate does).
struct WriteHandler: Sendable {
    let context: ClusterContext

    private var admission: ObjectAdmission { ObjectAdmission(registry: context.registry) }

    // MARK: Create

    func create(_ target: ResourceRequest, request: APIRequest) async throws -> APIResponse {
        let options = try WriteOptions(request)
        var object = try RequestBody.object(request, for: target)
        if target.resource.namespaced {
            let requested = target.namespace ?? ""
            let given = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if !given.isEmpty && given != requested {
                throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: ["metadata", "namespace"]] = .string(requested)
        } else {
            object[path: ["metadata", "namespace"]] = nil
        }
        var (decoded, warnings) = try admission.decode(object, body: request.body, resource: target.resource, options: options)
        if target.resource.group == "certificates.k8s.io" && target.resource.kind == "CertificateSigningRequest" {
            // The CSR strategy records who asked (PrepareForCreate), whatever the body says.
            decoded[path: ["spec", "username"]] = .string(request.user.username)
            decoded[path: ["spec", "groups"]] = .array(request.user.groups.map(JSON.string))
            decoded[path: ["spec", "uid"]] = request.user.uid.isEmpty ? nil : .string(request.user.uid)
        }
        let manager = options.manager(userAgent: request.headers.first(name: "user-agent"))
        let stored = try await create(decoded, target: target, options: options, manager: manager)
        return ObjectEncoding(request: request).single(stored, resource: target.resource).withStatus(.created).withWarnings(warnings)
    }

    /// Creates an already-decoded object; `manager` records managed fields (nil when an apply
    /// already wrote them).
    func create(_ object: JSON, target: ResourceRequest, options: WriteOptions, manager: String?) async throws -> StoredObject {
        var object = object
        let served = target.resource
        var target = target
        if VersionConversion.converts(served) {
            object = VersionConversion.toStorage(object, from: served)
            target = storageTarget(target)
        }
        var name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty, let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty {
            name = ObjectLifecycle.generatedName(prefix)
            object[path: ["metadata", "name"]] = .string(name)
        }
        if name.isEmpty {
            throw StatusError.invalid(kind: target.resource.groupKind, name: "",
                                   causes: [.required(FieldErrorPath("metadata", "name"), "name or generateName is required")])
        }
        if target.resource.namespaced { try await requireLiveNamespace(target.namespace ?? "", for: target.groupResource, name: name) }
        object = try ObjectLifecycle.prepareCreate(object, resource: target.resource)
        try admission.admit(&object, old: nil, resource: target.resource)
        if let manager {
            object = try recordUpdate(from: nil, to: object, manager: manager, served: served, subresource: "")
        }
        let stored = try await context.store.create(target.key(name: name), object, dryRun: options.dryRun,
                                                    prepare: ServiceAllocation.preparation(for: target.resource))
        if target.groupResource == NamespaceCleanup.namespaces && !options.dryRun {
            // What its controllers add (the default ServiceAccount, kube-root-ca.crt) is there as soon
            // as the create is answered, so no snapshot taken right after sees it appear later.
            await ClusterBootstrap(context: context).populate(namespace: name)
        }
        return stored
    }

    /// Managed fields of an ordinary write, in the version the client wrote (the entry's
    /// `apiVersion` and field paths are the client's, as on a real server).
    private func recordUpdate(from old: JSON?, to new: JSON, manager: String, served: ClusterResource, subresource: String) throws -> JSON {
        let recorder = ManagedFieldsRecorder(registry: context.registry, resource: served, subresource: subresource)
        guard VersionConversion.converts(served) else { return try recorder.recordUpdate(from: old, to: new, manager: manager) }
        let recorded = try recorder.recordUpdate(from: old.map { VersionConversion.fromStorage($0, to: served) },
                                                 to: VersionConversion.fromStorage(new, to: served), manager: manager)
        var object = new
        object[path: ["metadata", "managedFields"]] = recorded[path: ["metadata", "managedFields"]]
        return object
    }

    /// The same request aimed at the version its objects are stored in.
    func storageTarget(_ target: ResourceRequest) -> ResourceRequest {
        var storage = target
        if VersionConversion.converts(target.resource), let resource = context.registry.resource(target.resource.storage) {
            storage.resource = resource
        }
        return storage
    }

    /// The NamespaceLifecycle admission plugin: nothing is created in a missing namespace (404) or
    /// in one being deleted (403 with the `NamespaceTerminating` cause controllers look for).
    private func requireLiveNamespace(_ namespace: String, for resource: GroupResource, name: String) async throws {
        let key = ObjectKey(resource: NamespaceCleanup.namespaces, namespace: "", name: namespace)
        guard let stored = await context.store.get(key) else {
            throw StatusError.notFound(NamespaceCleanup.namespaces, name: namespace)
        }
        if stored.object[path: ["metadata", "deletionTimestamp"]] != nil {
            throw StatusError.namespaceTerminating(resource, name: name, namespace: namespace)
        }
    }

    // MARK: Update

    func update(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        let options = try WriteOptions(request)
        let body = try RequestBody.object(request, for: target)
        if target.subresource != "scale" {
            let bodyName = body[path: ["metadata", "name"]]?.stringValue ?? ""
            if bodyName != name {
                throw StatusError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
            }
        }
        let precondition = body[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let manager = options.manager(userAgent: request.headers.first(name: "user-agent"))
        let (stored, warnings) = try await modify(target, name: name, options: options, precondition: precondition,
                                                  manager: manager, body: request.body) { current in
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
        let patcher = PatchApplication(registry: context.registry)
        let manager = options.manager(userAgent: request.headers.first(name: "user-agent"))
        let (stored, warnings) = try await modify(target, name: name, options: options, precondition: nil,
                                                  manager: manager, body: nil) { current in
            if target.subresource == "scale" {
                let scale = try patcher.apply(contentType: contentType, patch: patch, to: ScaleSubresource.scale(of: current),
                                              resource: target.resource, scale: true)
                return try scaled(current, replicas: ScaleSubresource.replicas(in: scale))
            }
            var patched = try patcher.apply(contentType: contentType, patch: patch, to: current, resource: target.resource, scale: false)
            try Self.checkName(patched, name: name, namespace: target.namespace)
            if let version = patched[path: ["metadata", "resourceVersion"]]?.stringValue,
               version != current[path: ["metadata", "resourceVersion"]]?.stringValue {
                throw StatusError.modified(target.groupResource, name: name)
            }
            patched[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            return patched
        }
        return respond(stored, target: target, request: request, warnings: warnings)
    }

    /// A patch may not rename or move the object (apiserver handlers `checkName`, 400 BadRequest).
    static func checkName(_ object: JSON, name: String, namespace: String?) throws {
        let objectName = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if objectName != name {
            throw StatusError.badRequest("the name of the object (\(objectName)) does not match the name on the URL (\(name))")
        }
        if let namespace, !namespace.isEmpty, let objectNamespace = object[path: ["metadata", "namespace"]]?.stringValue,
           !objectNamespace.isEmpty, objectNamespace != namespace {
            throw StatusError.badRequest("the namespace of the object (\(objectNamespace)) does not match the namespace on the request (\(namespace))")
        }
    }

    // MARK: Shared

    /// Reads the current object, lets `change` compute the client's new version, applies the
    /// server's rules and stores it if the object has not changed meanwhile. `manager` records
    /// managed fields (nil when `change` is a server-side apply that records them itself).
    func modify(_ target: ResourceRequest, name: String, options: WriteOptions, precondition: String?,
                manager: String?, body: [UInt8]?, change: (JSON) throws -> JSON) async throws -> (StoredObject, [String]) {
        let key = target.key(name: name)
        let served = target
        let target = storageTarget(target)
        let converts = VersionConversion.converts(served.resource)
        while true {
            guard let current = await context.store.get(key) else { throw StatusError.notFound(target.groupResource, name: name) }
            if let precondition, precondition != String(current.resourceVersion) {
                throw StatusError.modified(target.groupResource, name: name)
            }
            // The client's change is made to the object in the version it asked for.
            let view = converts ? VersionConversion.fromStorage(current.object, to: served.resource) : current.object
            var requested = try change(view)
            var warnings: [String] = []
            if target.subresource != "scale" {
                (requested, warnings) = try admission.decode(requested, body: body, resource: served.resource, options: options)
            }
            if converts { requested = VersionConversion.toStorage(requested, from: served.resource) }
            let subresource = target.subresource == "scale" ? nil : target.subresource
            var new = ObjectLifecycle.prepareUpdate(requested, old: current.object, resource: target.resource, subresource: subresource)
            ServiceAllocation.carryOver(&new, old: current.object, resource: target.resource)
            try admission.admit(&new, old: current.object, resource: target.resource)
            ObjectLifecycle.bumpGeneration(&new, old: current.object, resource: target.resource)
            if let manager {
                // Managed fields a client sends replace the stored ones (how kubectl migrates
                // client-side-apply ownership to server-side apply), as fieldmanager's decodeLiveOrNew does.
                var previous = current.object
                let sent = requested[path: ["metadata", "managedFields"]]
                if target.subresource == nil, let sent, sent != current.object[path: ["metadata", "managedFields"]] {
                    previous[path: ["metadata", "managedFields"]] = sent.arrayValue?.isEmpty == true ? nil : sent
                }
                new = try recordUpdate(from: previous, to: new, manager: manager, served: served.resource,
                                       subresource: target.subresource ?? "")
            }
            // A write that changes nothing once defaulted (an apply that leaves out defaulted
            // fields) is no write at all: no new resourceVersion, managers' times kept.
            if ObjectLifecycle.unchanged(new, current.object) { new = current.object }
            do {
                let stored = try await context.store.update(key, new, expected: current.resourceVersion, dryRun: options.dryRun,
                                                            prepare: ServiceAllocation.preparation(for: target.resource))
                if !options.dryRun { try await Finalization(context: context).finishIfReleased(stored, key: key) }
                return (stored, warnings)
            } catch let error as StatusError where error.reason == "Conflict" && precondition == nil {
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
