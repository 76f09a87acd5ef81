import Foundation

/// Something a reader of a reconcile's outcome must know beyond "synced to <revision>": why it
/// stopped short, what it left alone, what it did by itself. Reports decide on these cases; the
/// outcome's `message` is their one-line form for logs and the history.
public enum ReconcileRemark: Sendable, Equatable, CustomStringConvertible {
    /// The ref's commit was rolled back after it ended Degraded; the environment stays at the
    /// revision it was rolled back to until a new commit comes.
    case rolledBackRevisionSkipped(String)
    /// Live differs from the applied revision and is left alone: self-heal is off (`retryAt` nil)
    /// or backing off until `retryAt`.
    case driftLeft(objects: Int, revision: String, retryAt: Date?)
    /// The revision applied is a rollback (a `git revert`, or a tree equal to an earlier one).
    case rollback(RollbackDetection)
    /// The first object the API server rejected (or that could not be applied), with its message.
    case objectFailed(String)
    /// Objects the revision declares that another owner holds: left alone (how many, and why
    /// the first is someone else's).
    case conflicts(count: Int, first: String)
    /// Health did not end Healthy, or could not be assessed.
    case healthFailed(HealthFailure)
    /// A hook failed or ran past `hookTimeout`: a PreSync hook (nothing applied), a Sync hook
    /// (the apply stopped) or a PostSync hook (the revision is Degraded, as after a failed health
    /// check).
    case hookFailed(HookResult)
    /// A LIST failed, so nothing was pruned (the failed LISTs).
    case pruneSkipped([String])
    /// The revision ended Degraded and mooring re-applied the last Healthy one.
    case rolledBack(from: String, to: String)
    /// The revision ended Degraded and the history holds no Healthy revision to return to.
    case noHealthyRevision
    /// `revertInGit`: the revert commit of the bad revision, pushed.
    case revertedInGit(String)
    /// An earlier operation's process died mid-sync; its record was completed as Failed and
    /// this reconcile finished the job.
    case interrupted(InterruptedOperation)
    /// `revertInGit`: committing or pushing the revert failed.
    case revertInGitFailed(revision: String, reason: String)

    /// Whether the remark means the environment cannot count as synced: the live picture was
    /// partial (a LIST failed), or an object could not be applied.
    public var leavesOutcomeIncomplete: Bool {
        switch self {
        case .pruneSkipped, .objectFailed: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .rolledBackRevisionSkipped(let revision):
            return "\(revision.prefix(7)) was rolled back and is not applied again"
        case let .driftLeft(objects, revision, retryAt):
            let reason = retryAt.map { "self-heal backing off until \($0.formatted(.iso8601))" } ?? "selfHeal is off"
            return "OutOfSync: \(objects) object(s) differ from \(revision.prefix(7)); \(reason)"
        case .rollback(let detection): return detection.message
        case .objectFailed(let message): return "failed: \(message)"
        case let .conflicts(count, first):
            return "\(count) object\(count == 1 ? "" : "s") in conflict (\(first)\(count > 1 ? ", …" : ""))"
        case .healthFailed(let failure): return failure.description
        case .hookFailed(let hook):
            let consequence = switch hook.phase {
            case .preSync: "nothing applied"
            case .postSync: "Degraded"
            case .sync, .syncFail: "sync stopped"
            }
            return "\(hook.phase) hook \(hook.identity) \(hook.status == .timedOut ? "timed out" : "failed")"
                + (hook.message.isEmpty ? "" : ": \(hook.message)") + " (\(consequence))"
        case .pruneSkipped(let failures): return "nothing pruned: \(failures.joined(separator: "; "))"
        case let .rolledBack(from, to): return "Degraded: rolled back from \(from.prefix(7)) to \(to.prefix(7))"
        case .noHealthyRevision: return "no earlier Healthy revision to roll back to"
        case .revertedInGit(let commit): return "reverted in git by \(commit.prefix(7))"
        case let .revertInGitFailed(revision, reason): return "reverting \(revision.prefix(7)) in git failed: \(reason)"
        case .interrupted(let operation): return operation.description
        }
    }
}

extension ReconcileRemark {
    /// `2 objects in conflict (ConfigMap shop/settings exists and is not managed by mooring …)`,
    /// when the diff has conflicts.
    static func conflicts(in diff: EnvironmentDiff) -> [ReconcileRemark] {
        guard let first = diff.conflicts.first?.conflict else { return [] }
        return [.conflicts(count: diff.conflicts.count, first: first.description)]
    }
}

/// Why health did not end Healthy after an apply: the status it is recorded with, and why.
public struct HealthFailure: Sendable, Equatable, CustomStringConvertible {
    /// `degraded` when an object failed or the wait timed out; `unknown` when health could not
    /// be assessed at all.
    public var status: HealthStatus
    public var reason: String

    public init(status: HealthStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { reason }
}
