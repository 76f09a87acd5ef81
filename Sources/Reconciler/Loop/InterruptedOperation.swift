import Foundation

/// An operation whose process died between its first apply and its record (`kill -9`, a lost
/// node): its `Running` record is what is left of it. Whoever holds the environment's Lease
/// next completes the record as Failed, saying so, and then reconciles as usual — so what the
/// dead process applied is in the history, and the environment ends where its ref says.
///
/// ```
/// interrupted: sync of 1a2b3c4 at 2026-12-04T12:00:01Z
/// ```
public struct InterruptedOperation: Sendable, Equatable, CustomStringConvertible {
    /// The id of its `Running` record.
    public var id: Int
    public var operation: SyncOperation
    public var revision: String
    /// When the interrupted operation started.
    public var startedAt: Date

    public init(id: Int, operation: SyncOperation, revision: String, startedAt: Date) {
        self.id = id
        self.operation = operation
        self.revision = revision
        self.startedAt = startedAt
    }

    public var description: String {
        "interrupted: \(operation.rawValue) of \(revision.prefix(7)) at \(startedAt.formatted(HistoryRecord.timeFormat))"
    }
}

extension EnvironmentReconciler {
    /// Takes a `Running` record left by a process that died (this reconciler holds the Lease, so
    /// no live process can be writing it) out of the history read, so that an operation this
    /// reconcile starts takes its place and id: its sync hooks keep their names, and a hook the
    /// dead process started is waited for, not started again. ``recordInterrupted(_:in:)`` then
    /// says in the history what happened.
    func completingInterrupted(_ history: History) async throws -> (History, InterruptedOperation?) {
        guard let latest = history.latest, latest.result == .running else { return (history, nil) }
        let interrupted = InterruptedOperation(id: latest.id, operation: latest.operation, revision: latest.revision, startedAt: latest.time)
        progress.say("\(name): \(interrupted)")
        return (history.removingLatest(), interrupted)
    }

    /// Records the interrupted operation: in the message of the operation that took its place,
    /// or, when this reconcile applied nothing, as its own record completed Failed.
    func recordInterrupted(_ interrupted: InterruptedOperation, in outcome: inout ReconcileOutcome) async throws {
        var history = try await loadHistory()
        var record: HistoryRecord
        if let replacing = history.records.last(where: { $0.id == interrupted.id }), replacing.result != .running {
            record = replacing
            record.message = interrupted.description + "; " + record.message
        } else {
            record = HistoryRecord(id: interrupted.id, revision: interrupted.revision, time: interrupted.startedAt,
                                   operation: interrupted.operation, result: .failed, health: .unknown, message: interrupted.description)
        }
        do {
            let stored = try await historyStore.complete(record, in: &history)
            if outcome.record?.id == stored.id { outcome.record = stored }
        } catch {
            throw ReconcileError.cluster("recording the history of \(name) failed: \(error)")
        }
        outcome.note(interrupted)
    }
}

extension ReconcileOutcome {
    /// Adds what an earlier, interrupted operation left to this outcome's remarks and message.
    mutating func note(_ interrupted: InterruptedOperation) {
        remarks.insert(.interrupted(interrupted), at: 0)
        message = interrupted.description + (message.isEmpty ? "" : "; " + message)
    }
}
