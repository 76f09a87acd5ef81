import Manifests

/// A `ClusterClient` that answers the reconcile's reads of tracked objects from a `LiveCache`
/// and passes everything else on: LISTs whose selector includes the tracking label, and GETs of
/// objects the cache holds. An object not in the cache may still exist untracked, so its GET
/// goes to the server; so does every read while a type's watch is down. Writes go to the server
/// and their answers into the cache, so the next read sees them.
///
/// Never give it to a `LeaseLock`: a Lease decision needs the server's word, not a cached one
/// (see `direct`).
public struct CachedClusterClient: ClusterClient {
    public let base: any ClusterClient
    public let cache: LiveCache

    public init(_ base: any ClusterClient, cache: LiveCache) {
        self.base = base
        self.cache = cache
    }

    public func list(_ type: GroupVersionKind, labelSelector: String) async throws -> [JSON] {
        if let selector = EqualitySelector(labelSelector), selector.requires(Tracking.managedByLabel, Tracking.managedByValue),
           let informer = await cache.informer(for: type) {
            let environment = selector.requirements[Tracking.environmentLabel]
            let held = if let environment { await informer.snapshot(environment: environment) } else { await informer.snapshot() }
            if let held { return held.filter(selector.matches) }
        }
        return try await base.list(type, labelSelector: labelSelector)
    }

    public func list(_ type: GroupVersionKind, namespace: String) async throws -> [JSON] {
        try await base.list(type, namespace: namespace)
    }

    public func get(_ identity: ObjectIdentity) async throws -> JSON? {
        if let informer = cache.existingInformer(for: identity.type), case .found(let object) = await informer.lookup(identity) {
            return object
        }
        return try await base.get(identity)
    }

    public func apply(_ object: JSON, fieldManager: String, force: Bool, dryRun: Bool) async throws -> JSON {
        let stored = try await base.apply(object, fieldManager: fieldManager, force: force, dryRun: dryRun)
        if !dryRun { await cache.observe(stored) }
        return stored
    }

    public func patch(_ identity: ObjectIdentity, jsonPatch: JSON) async throws -> JSON {
        let stored = try await base.patch(identity, jsonPatch: jsonPatch)
        await cache.observe(stored)
        return stored
    }

    public func create(_ object: JSON) async throws -> JSON {
        let stored = try await base.create(object)
        await cache.observe(stored)
        return stored
    }

    public func replace(_ object: JSON) async throws -> JSON {
        let stored = try await base.replace(object)
        await cache.observe(stored)
        return stored
    }

    public func delete(_ identity: ObjectIdentity, propagation: DeletionPropagation) async throws {
        try await base.delete(identity, propagation: propagation)
    }

    public func waitUntilGone(_ identity: ObjectIdentity, timeout: Duration) async throws {
        try await base.waitUntilGone(identity, timeout: timeout)
    }

    public func isNamespaced(_ groupKind: GroupKind) async throws -> Bool? { try await base.isNamespaced(groupKind) }
    public func servedType(_ groupKind: GroupKind) async throws -> GroupVersionKind? { try await base.servedType(groupKind) }
    public func namespacedTypes() async throws -> [GroupVersionKind] { try await base.namespacedTypes() }
}

extension ClusterClient {
    /// The client that asks the server itself: this one, or the one a cache wraps.
    public var direct: any ClusterClient { (self as? CachedClusterClient)?.base ?? self }
}
