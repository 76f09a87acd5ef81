import KubeAPI
import Manifests

/// `ClusterClient` over KubeAPI: the same code talks to a real API server and to the embedded
/// local cluster. Every request goes through one `KubeClient` (shared connection pool, discovery
/// cache, retries of idempotent requests).
public struct KubeClusterClient: ClusterClient {
    public let client: KubeClient
    /// How often `waitUntilGone` looks again.
    public var pollInterval: Duration

    public init(client: KubeClient, pollInterval: Duration = .milliseconds(100)) {
        self.client = client
        self.pollInterval = pollInterval
    }

    public func list(_ type: GroupVersionKind, labelSelector: String) async throws -> [JSON] {
        do {
            return try await client.listAll(type, labelSelector: labelSelector).items
        } catch {
            throw ClusterError.listFailed(type: type.groupKind.description, reason: ClusterError.reason(of: error))
        }
    }

    public func list(_ type: GroupVersionKind, namespace: String) async throws -> [JSON] {
        do {
            return try await client.listAll(type, namespace: namespace).items
        } catch {
            throw ClusterError.listFailed(type: type.groupKind.description, reason: ClusterError.reason(of: error))
        }
    }

    public func get(_ identity: ObjectIdentity) async throws -> JSON? {
        do {
            return try await client.get(identity)
        } catch let error as APIError where error.reason == .notFound {
            return nil
        } catch KubeClientError.unknownKind {
            // Not served yet (its CRD comes with this revision): it cannot exist either.
            return nil
        }
    }

    public func apply(_ object: JSON, fieldManager: String, force: Bool, dryRun: Bool) async throws -> JSON {
        try await client.apply(object, fieldManager: fieldManager, force: force, dryRun: dryRun, fieldValidation: .strict)
    }

    public func patch(_ identity: ObjectIdentity, jsonPatch: JSON) async throws -> JSON {
        try await client.patch(identity.type, name: identity.name, namespace: identity.namespace, patch: jsonPatch,
                               patchType: .json, fieldManager: Tracking.fieldManager)
    }

    public func create(_ object: JSON) async throws -> JSON {
        try await client.create(object, fieldManager: Tracking.fieldManager)
    }

    public func replace(_ object: JSON) async throws -> JSON {
        try await client.update(object, fieldManager: Tracking.fieldManager)
    }

    public func delete(_ identity: ObjectIdentity, propagation: DeletionPropagation) async throws {
        do {
            try await client.delete(identity, propagationPolicy: PropagationPolicy(rawValue: propagation.rawValue))
        } catch let error as APIError where error.reason == .notFound {
            return
        }
    }

    public func waitUntilGone(_ identity: ObjectIdentity, timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while try await get(identity) != nil {
            guard clock.now < deadline else { throw ClusterError.stillPresent(object: identity.description, after: timeout) }
            try await Task.sleep(for: pollInterval)
        }
    }

    public func isNamespaced(_ groupKind: GroupKind) async throws -> Bool? {
        try await servedResource(groupKind)?.namespaced
    }

    public func servedType(_ groupKind: GroupKind) async throws -> GroupVersionKind? {
        try await servedResource(groupKind)?.type
    }

    public func namespacedTypes() async throws -> [GroupVersionKind] {
        let mapper = try await client.restMapper()
        var kinds: [GroupKind] = []
        for resource in mapper.resources where resource.namespaced && resource.verbs.contains("list") && !kinds.contains(resource.type.groupKind) {
            kinds.append(resource.type.groupKind)
        }
        return kinds.compactMap { mapper.resource(for: $0)?.type }
    }

    /// The resource serving a kind; a kind not found triggers one fresh discovery (a CRD may
    /// just have been established).
    private func servedResource(_ groupKind: GroupKind) async throws -> APIResource? {
        if let found = try await client.restMapper().resource(for: groupKind) { return found }
        return try await client.restMapper(refresh: true).resource(for: groupKind)
    }
}
