import KubeAPI
import Manifests

/// `ClusterClient` over KubeAPI: the same code talks to a real API server and to the embedded
/// local cluster. Every request goes through one `KubeClient` (shared connection pool, discovery
/// cache, retries of idempotent requests). KubeAPI's errors stop here: the server's refusals
/// come out as `ClusterError`s.
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
            throw ClusterError.listFailed(type: type.groupKind.description, reason: Self.reason(error))
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
        } catch let error as APIError {
            throw ClusterError.refused(error.status.description)
        }
    }

    public func apply(_ object: JSON, fieldManager: String, force: Bool, dryRun: Bool) async throws -> JSON {
        do {
            return try await client.apply(object, fieldManager: fieldManager, force: force, dryRun: dryRun)
        } catch let rejection as ImmutableFieldRejection {
            guard let identity = ObjectIdentity(of: object) else { throw ClusterError.refused(rejection.error.status.description) }
            throw ClusterError.immutableFields(object: identity, fields: rejection.fields)
        } catch let error as APIError {
            throw ClusterError.refused(error.status.description)
        }
    }

    public func delete(_ identity: ObjectIdentity, propagation: DeletionPropagation) async throws {
        do {
            try await client.delete(identity, propagationPolicy: PropagationPolicy(rawValue: propagation.rawValue))
        } catch let error as APIError where error.reason == .notFound {
            return
        } catch let error as APIError {
            throw ClusterError.refused(error.status.description)
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

    /// The resource serving a kind; a kind not found triggers one fresh discovery (a CRD may
    /// just have been established).
    private func servedResource(_ groupKind: GroupKind) async throws -> APIResource? {
        do {
            if let found = try await client.restMapper().resource(for: groupKind) { return found }
            return try await client.restMapper(refresh: true).resource(for: groupKind)
        } catch let error as APIError {
            throw ClusterError.refused(error.status.description)
        }
    }

    /// The server's words for a refusal, the error's own description otherwise.
    private static func reason(_ error: any Error) -> String {
        (error as? APIError)?.status.description ?? "\(error)"
    }
}
