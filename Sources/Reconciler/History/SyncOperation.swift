/// What kind of operation a history record is about.
public enum SyncOperation: String, Sendable, Hashable, CaseIterable, Codable {
    /// A new revision applied.
    case sync
    /// A revision that reverts an earlier one (a `git revert`, or a tree equal to an earlier one).
    case rollback
    /// Mooring rolled back by itself after health ended Degraded.
    case autoRollback = "auto-rollback"
    /// Hand-made drift re-applied.
    case selfHeal = "self-heal"
    /// Only deletions.
    case prune
}

/// How an operation ended.
public enum OperationResult: String, Sendable, Hashable, Codable {
    case succeeded = "Succeeded"
    case failed = "Failed"
    /// Written before the first apply and replaced by the outcome once the operation ends: a
    /// `Running` record found by the next holder of the environment's Lease was interrupted
    /// (the process died mid-sync), and is completed as Failed saying so.
    case running = "Running"
}
