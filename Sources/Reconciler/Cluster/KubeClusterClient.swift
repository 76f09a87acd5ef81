import KubeAPI
import Manifests

/// `ClusterClient` over KubeAPI: the same code talks to a real API server and to the embedded
/// local cluster. Every request goes through one `KubeClient` (shared connection pool, discovery
/// cache, retries of idempotent requests). KubeAPI's errors stop here: the server's refusals
/// come out as `ClusterError`s, so the loop decides on that type alone.
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

    public func list(_ type: GroupVersionKind, namespace: String) async throws -> [JSON] {
        do {
            return try await client.listAll(type, namespace: namespace).items
        } catch {
            throw ClusterError.listFailed(type: type.groupKind.description, reason: Self.reason(error))
        }
    }

    public func get(_ identity: ObjectIdentity) async throws -> JSON? {
        do {
            return try await translating(identity) { try await client.get(identity) }
        } catch KubeClientError.unknownKind {
            // Not served yet (its CRD comes with this revision): it cannot exist either.
            return nil
        } catch ClusterError.notFound {
            return nil
        }
    }

    public func apply(_ object: JSON, fieldManager: String, force: Bool, dryRun: Bool) async throws -> JSON {
        try await translating(ObjectIdentity(of: object)) {
            try await client.apply(object, fieldManager: fieldManager, force: force, dryRun: dryRun, fieldValidation: .strict)
        }
    }

    public func patch(_ identity: ObjectIdentity, jsonPatch: JSON) async throws -> JSON {
        try await translating(identity) {
            try await client.patch(identity.type, name: identity.name, namespace: identity.namespace, patch: jsonPatch,
                                   patchType: .json, fieldManager: Tracking.fieldManager)
        }
    }

    public func create(_ object: JSON) async throws -> JSON {
        try await translating(ObjectIdentity(of: object)) { try await client.create(object, fieldManager: Tracking.fieldManager) }
    }

    public func replace(_ object: JSON) async throws -> JSON {
        try await translating(ObjectIdentity(of: object)) { try await client.update(object, fieldManager: Tracking.fieldManager) }
    }

    public func delete(_ identity: ObjectIdentity, propagation: DeletionPropagation) async throws {
        do {
            try await translating(identity) {
                _ = try await client.delete(identity, propagationPolicy: PropagationPolicy(rawValue: propagation.rawValue))
            }
        } catch ClusterError.notFound {
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
        let mapper = try await translating(nil) { try await client.restMapper() }
        var kinds: [GroupKind] = []
        for resource in mapper.resources where resource.namespaced && resource.verbs.contains("list") && !kinds.contains(resource.type.groupKind) {
            kinds.append(resource.type.groupKind)
        }
        return kinds.compactMap { mapper.resource(for: $0)?.type }
    }

    /// The resource serving a kind; a kind not found triggers one fresh discovery (a CRD may
    /// just have been established).
    private func servedResource(_ groupKind: GroupKind) async throws -> APIResource? {
        try await translating(nil) {
            if let found = try await client.restMapper().resource(for: groupKind) { return found }
            return try await client.restMapper(refresh: true).resource(for: groupKind)
        }
    }

    /// Runs a request, turning the server's refusals into `ClusterError`s about `identity`.
    private func translating<T>(_ identity: ObjectIdentity?, _ request: () async throws -> T) async throws -> T {
        do {
            return try await request()
        } catch let rejection as ImmutableFieldRejection {
            guard let identity else { throw ClusterError.refused(rejection.error.status.description) }
            throw ClusterError.immutableFields(object: identity, fields: rejection.fields)
        } catch let error as APIError {
            let words = error.status.description
            switch error.reason {
            case .notFound: throw ClusterError.notFound(words)
            case .alreadyExists: throw ClusterError.alreadyExists(words)
            case .conflict: throw ClusterError.conflict(words)
            case .badRequest:
                // Under `fieldValidation=Strict`: `… strict decoding error: unknown field "spec.replica"`.
                if let identity, let rejection = FieldRejection(identity: identity, strictDecodingMessage: error.status.message) {
                    throw ClusterError.fieldsRejected(rejection)
                }
                throw ClusterError.refused(words)
            default: throw ClusterError.refused(words)
            }
        }
    }

    /// The server's words for a refusal, the error's own description otherwise.
    private static func reason(_ error: any Error) -> String {
        (error as? APIError)?.status.description ?? "\(error)"
    }
}
