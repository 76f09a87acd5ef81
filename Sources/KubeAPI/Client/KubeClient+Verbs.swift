import Manifests

extension KubeClient {
    public func get(_ type: GroupVersionKind, name: String, namespace: String? = nil) async throws -> JSON {
        let resource = try await resource(for: type)
        return try await send(.get, resource.objectPath(name: name, namespace: self.namespace(for: resource, namespace)),
                              idempotent: true)
    }

    public func get(_ identity: ObjectIdentity) async throws -> JSON {
        try await get(identity.type, name: identity.name, namespace: identity.namespace)
    }

    /// One page. `namespace: nil` lists across all namespaces.
    public func list(_ type: GroupVersionKind, namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ObjectList {
        let resource = try await resource(for: type)
        let path = resource.collectionPath(namespace: resource.namespaced ? namespace : nil) + PathSegment.query(options.queryItems)
        return ObjectList(listJSON: try await send(.get, path, idempotent: true), type: type)
    }

    /// Every page, `pageSize` items at a time, joined; the result's resourceVersion is the first page's.
    public func listAll(_ type: GroupVersionKind, namespace: String? = nil, labelSelector: String? = nil,
                        fieldSelector: String? = nil, pageSize: Int = 500) async throws -> ObjectList {
        var options = ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector, limit: pageSize)
        var all = try await list(type, namespace: namespace, options: options)
        var token = all.continueToken
        while let next = token {
            options.continueToken = next
            let page = try await list(type, namespace: namespace, options: options)
            all.items += page.items
            token = page.continueToken
        }
        all.continueToken = nil
        all.remainingItemCount = nil
        return all
    }

    /// POST: fails with `.alreadyExists` if it does. Not retried after an answer that may mean it was created.
    public func create(_ object: JSON, dryRun: Bool = false, fieldManager: String? = nil) async throws -> JSON {
        let (resource, namespace, _) = try await target(of: object)
        let path = resource.collectionPath(namespace: namespace) + Self.writeQuery(dryRun: dryRun, fieldManager: fieldManager)
        return try await send(.post, path, body: object, idempotent: false)
    }

    /// PUT the whole object; with `metadata.resourceVersion` set it fails with `.conflict` if the
    /// object changed meanwhile (and is safe to retry).
    public func update(_ object: JSON, dryRun: Bool = false, fieldManager: String? = nil) async throws -> JSON {
        try await put(object, subresource: nil, dryRun: dryRun, fieldManager: fieldManager)
    }

    /// Server-side apply: the object states the fields `fieldManager` owns. With
    /// `fieldValidation: .strict` an unknown or duplicate field is a 400 BadRequest instead of
    /// being dropped (`nil` leaves the server's default).
    public func apply(_ object: JSON, fieldManager: String = "mooring", force: Bool = false, dryRun: Bool = false,
                      fieldValidation: FieldValidation? = nil) async throws -> JSON {
        let (resource, namespace, name) = try await target(of: object)
        let query = PathSegment.query([("fieldManager", fieldManager), ("force", force ? "true" : nil),
                                       ("dryRun", dryRun ? "All" : nil), ("fieldValidation", fieldValidation?.rawValue)])
        return try await send(.patch, resource.objectPath(name: name, namespace: namespace) + query, body: object,
                              contentType: PatchType.apply.contentType, idempotent: true)
    }

    public func patch(_ type: GroupVersionKind, name: String, namespace: String? = nil, patch: JSON, patchType: PatchType,
                      fieldManager: String? = nil, force: Bool = false, dryRun: Bool = false, subresource: String? = nil) async throws -> JSON {
        let resource = try await resource(for: type)
        var path = resource.objectPath(name: name, namespace: self.namespace(for: resource, namespace))
        if let subresource { path += "/\(subresource)" }
        let query = PathSegment.query([("fieldManager", fieldManager), ("force", force && patchType == .apply ? "true" : nil),
                                       ("dryRun", dryRun ? "All" : nil)])
        return try await send(.patch, path + query, body: patch, contentType: patchType.contentType, idempotent: patchType.isIdempotent)
    }

    /// DELETE; returns what the server answers (the object, still present when finalizers hold it, or a Status).
    @discardableResult
    public func delete(_ type: GroupVersionKind, name: String, namespace: String? = nil, propagationPolicy: PropagationPolicy? = nil,
                       preconditions: Preconditions? = nil, gracePeriodSeconds: Int? = nil, dryRun: Bool = false) async throws -> JSON {
        let resource = try await resource(for: type)
        var options: JSON = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let propagationPolicy { options["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let preconditions { options["preconditions"] = preconditions.json }
        if let gracePeriodSeconds { options["gracePeriodSeconds"] = .int(Int64(gracePeriodSeconds)) }
        if dryRun { options["dryRun"] = ["All"] }
        let path = resource.objectPath(name: name, namespace: self.namespace(for: resource, namespace))
            + PathSegment.query([("dryRun", dryRun ? "All" : nil)])
        return try await send(.delete, path, body: options, idempotent: true)
    }

    @discardableResult
    public func delete(_ identity: ObjectIdentity, propagationPolicy: PropagationPolicy? = nil, dryRun: Bool = false) async throws -> JSON {
        try await delete(identity.type, name: identity.name, namespace: identity.namespace, propagationPolicy: propagationPolicy, dryRun: dryRun)
    }

    /// The object as read through its `/status` subresource.
    public func getStatus(_ type: GroupVersionKind, name: String, namespace: String? = nil) async throws -> JSON {
        let resource = try await resource(for: type)
        return try await send(.get, resource.objectPath(name: name, namespace: self.namespace(for: resource, namespace)) + "/status",
                              idempotent: true)
    }

    /// PUT through `/status`: only the status changes.
    public func updateStatus(_ object: JSON, dryRun: Bool = false, fieldManager: String? = nil) async throws -> JSON {
        try await put(object, subresource: "status", dryRun: dryRun, fieldManager: fieldManager)
    }

    private func put(_ object: JSON, subresource: String?, dryRun: Bool, fieldManager: String?) async throws -> JSON {
        let (resource, namespace, name) = try await target(of: object)
        var path = resource.objectPath(name: name, namespace: namespace)
        if let subresource { path += "/\(subresource)" }
        let conditional = object[path: ["metadata", "resourceVersion"]]?.stringValue.map { !$0.isEmpty } ?? false
        return try await send(.put, path + Self.writeQuery(dryRun: dryRun, fieldManager: fieldManager), body: object,
                              idempotent: conditional)
    }

    static func writeQuery(dryRun: Bool, fieldManager: String?) -> String {
        PathSegment.query([("fieldManager", fieldManager), ("dryRun", dryRun ? "All" : nil)])
    }
}
