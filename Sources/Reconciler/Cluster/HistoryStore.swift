import Manifests

/// Reads and writes an environment's history in its cluster, creating the `mooring-system`
/// namespace the first time (a fresh cluster does not have it).
public struct HistoryStore: Sendable {
    public let cluster: any ClusterClient

    public init(cluster: any ClusterClient) { self.cluster = cluster }

    public func load(environment: String) async throws -> History {
        try await cluster.history(environment: environment)
    }

    /// Appends a record to `history` (as read at the start of the reconcile: the environment's
    /// Lease makes this process its only writer) and saves it; returns the record as stored (id,
    /// previous revision).
    @discardableResult
    public func append(_ record: HistoryRecord, to history: inout History) async throws -> HistoryRecord {
        try await saving(&history) { $0.append(record) }
    }

    /// Replaces the record with `record.id` (a `Running` record completed) and saves.
    @discardableResult
    public func complete(_ record: HistoryRecord, in history: inout History) async throws -> HistoryRecord {
        try await saving(&history) { $0.replace(record) }
    }

    /// Applies `change` to a copy, saves it, and only then updates `history`.
    private func saving(_ history: inout History, _ change: (inout History) -> HistoryRecord) async throws -> HistoryRecord {
        var updated = history
        let stored = change(&updated)
        try await save(updated)
        history = updated
        return stored
    }

    public func save(_ history: History) async throws {
        let namespace = ObjectIdentity(type: GroupVersionKind(group: "", version: "v1", kind: "Namespace"), namespace: nil, name: History.namespace)
        if try await cluster.get(namespace) == nil {
            let object: JSON = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(History.namespace)]]
            _ = try await cluster.apply(object, fieldManager: Tracking.fieldManager, force: true, dryRun: false)
        }
        try await cluster.save(history)
    }
}
