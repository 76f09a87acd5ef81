import Manifests

/// How a deletion treats the object's dependents.
public enum DeletionPropagation: String, Sendable {
    /// Dependents are deleted first; the object is gone only once they are (what prune uses).
    case foreground = "Foreground"
    case background = "Background"
    case orphan = "Orphan"
}

/// The cluster as the reconcile loop needs it — implemented over KubeAPI for real clusters and the
/// embedded local cluster alike. Kept small so every call the loop makes is visible here.
public protocol ClusterClient: Sendable {
    /// Every object of `type` in all namespaces matching `labelSelector` (one LIST, paginated
    /// inside). Throws when the LIST fails or cannot be completed: a partial answer must never
    /// reach the planner, or it would prune what it did not see.
    func list(_ type: GroupVersionKind, labelSelector: String) async throws -> [JSON]

    /// Every object of a namespaced `type` in one namespace (one LIST, paginated inside).
    func list(_ type: GroupVersionKind, namespace: String) async throws -> [JSON]

    /// The object, or `nil` when it does not exist.
    func get(_ identity: ObjectIdentity) async throws -> JSON?

    /// Server-side apply (`application/apply-patch+yaml`) with field manager `fieldManager` and
    /// `fieldValidation=Strict` (an unknown or duplicate field is a 400, never dropped in
    /// silence); returns the object as stored — or as it would be, for `dryRun`.
    func apply(_ object: JSON, fieldManager: String, force: Bool, dryRun: Bool) async throws -> JSON

    /// A JSON patch (RFC 6902), e.g. the field-ownership transfer of an adoption.
    func patch(_ identity: ObjectIdentity, jsonPatch: JSON) async throws -> JSON

    /// POST: fails with `AlreadyExists` when the object exists (a Lease taken by someone else first).
    func create(_ object: JSON) async throws -> JSON

    /// PUT guarded by the object's `metadata.resourceVersion`: fails with `Conflict` when the
    /// object changed meanwhile (a Lease renewed or taken over by someone else).
    func replace(_ object: JSON) async throws -> JSON

    /// Deletes the object; not finding it is success.
    func delete(_ identity: ObjectIdentity, propagation: DeletionPropagation) async throws

    /// Returns once the object no longer exists; throws when `timeout` passes first.
    func waitUntilGone(_ identity: ObjectIdentity, timeout: Duration) async throws

    /// Whether a kind is namespaced, from API discovery; `nil` when the cluster does not serve it.
    func isNamespaced(_ groupKind: GroupKind) async throws -> Bool?

    /// The group, version and kind the cluster serves a kind at (its preferred version), from
    /// API discovery — what a LIST of that kind asks for; `nil` when the cluster does not serve it.
    func servedType(_ groupKind: GroupKind) async throws -> GroupVersionKind?

    /// Every namespaced type the cluster serves that can be listed, at its preferred version:
    /// what a Namespace can hold.
    func namespacedTypes() async throws -> [GroupVersionKind]
}

extension ClusterClient {
    /// Reads an environment's history from its ConfigMap; an absent ConfigMap is an empty history.
    public func history(environment: String) async throws -> History {
        let identity = ObjectIdentity(type: History.configMapType,
                                      namespace: History.namespace, name: History.configMapName(environment: environment))
        guard let configMap = try await get(identity) else { return History(environment: environment) }
        return try History(configMap: configMap)
    }

    /// Writes an environment's history ConfigMap (server-side apply, field manager `mooring`).
    public func save(_ history: History) async throws {
        _ = try await apply(history.configMap, fieldManager: Tracking.fieldManager, force: true, dryRun: false)
    }
}
