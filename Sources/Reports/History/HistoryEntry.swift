import Foundation
import Reconciler

/// One operation in a history view: what was applied, by whose commit, how it ended.
public struct HistoryEntry: Sendable, Hashable {
    /// The record's id: what `mooring history --diff N` takes.
    public var id: Int
    public var revision: String
    public var previousRevision: String?
    public var commit: CommitInfo?
    public var time: Date
    public var operation: SyncOperation
    public var result: OperationResult
    public var health: HealthStatus
    public var created: Int
    public var configured: Int
    public var pruned: Int
    public var message: String
    /// For rollbacks: from which revision to which.
    public var rollback: ReportContext?
    /// The earlier operations that applied the revision rolled back from and the one restored,
    /// when the history still holds them: the targets of the rollback's links.
    public var rolledBackFromOperation: Int?
    public var rolledBackToOperation: Int?

    public init(record: HistoryRecord, commit: CommitInfo? = nil) {
        id = record.id
        revision = record.revision
        previousRevision = record.previousRevision
        self.commit = commit
        time = record.time
        operation = record.operation
        result = record.result
        health = record.health
        created = record.created.count
        configured = record.configured.count
        pruned = record.pruned.count
        message = record.message
        if let from = record.rolledBackFrom {
            let reason = record.operation == .autoRollback ? "health check failed" : ""
            rollback = .rollback(from: from, to: record.rolledBackTo ?? record.revision, reason: reason)
        }
    }

    /// `rolled back from b7e1f00 (#2) to a1b2c3d (#1) (health check failed)`
    public var rollbackSentence: String? {
        guard case .rollback(let from, let to, let reason)? = rollback else { return nil }
        var text = "rolled back from \(from.prefix(7))" + (rolledBackFromOperation.map { " (#\($0))" } ?? "")
        if let to { text += " to \(to.prefix(7))" + (rolledBackToOperation.map { " (#\($0))" } ?? "") }
        return reason.isEmpty ? text : "\(text) (\(reason))"
    }
}
