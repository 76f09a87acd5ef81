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
    public var operation: SyncOperation
    public var revision: String
    /// When the interrupted operation started.
    public var startedAt: Date

    public var description: String {
        "interrupted: \(operation.rawValue) of \(revision.prefix(7)) at \(startedAt.formatted(HistoryRecord.timeFormat))"
    }
}

extension EnvironmentReconciler {
    /// Completes a `Running` record left by a process that died (this reconciler holds the Lease,
    /// so no live process can be writing it) as Failed, and says what was interrupted.
    func completingInterrupted(_ history: History) async throws -> (History, InterruptedOperation?) {
        guard let latest = history.latest, latest.result == .running else { return (history, nil) }
        let interrupted = InterruptedOperation(operation: latest.operation, revision: latest.revision, startedAt: latest.time)
        var record = latest
        record.result = .failed
        record.health = .unknown
        record.message = interrupted.description
        var updated = history
        do {
            try await historyStore.complete(record, in: &updated)
        } catch {
            throw ReconcileError.cluster("recording the history of \(name) failed: \(error)")
        }
        progress.say("\(name): \(interrupted)")
        return (updated, interrupted)
    }
}

extension ReconcileOutcome {
    /// Adds what an earlier, interrupted operation left to this outcome's remarks and message.
    mutating func note(_ interrupted: InterruptedOperation) {
        remarks.insert(.interrupted(interrupted), at: 0)
        message = interrupted.description + (message.isEmpty ? "" : "; " + message)
    }
}
