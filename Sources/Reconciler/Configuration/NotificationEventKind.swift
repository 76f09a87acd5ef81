/// The events a notification target can subscribe to (`events:` in `mooring.yaml`). Their names
/// are a contract: configurations, the webhook's `event` field and metrics' `event` label use them.
///
/// The Notify module derives them from reconcile outcomes, once per change of state.
public enum NotificationEventKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A revision was applied completely and ended Healthy.
    case syncSucceeded = "sync-succeeded"
    /// Applying a revision failed: an object was rejected, or health ended Degraded or timed out.
    case syncFailed = "sync-failed"
    /// The environment turned Degraded outside a sync (a workload broke later).
    case healthDegraded = "health-degraded"
    /// The environment is Healthy again after being Degraded.
    case healthRecovered = "health-recovered"
    /// A revision that reverts an earlier one (a `git revert`, or a restored tree) was applied.
    case rollback
    /// Mooring rolled a Degraded revision back to the last Healthy one by itself.
    case autoRollback = "auto-rollback"
    /// Live objects differ from the applied revision and are left so (self-heal off or backing off).
    case driftDetected = "drift-detected"
    /// Drift made by hand was re-applied from git.
    case selfHealed = "self-healed"
    /// A safety guard kept mooring from pruning (an empty revision, an incomplete listing, a
    /// Namespace holding objects mooring does not track).
    case pruneBlocked = "prune-blocked"
    /// A declared object belongs to someone else and was left alone.
    case conflict
    /// A sync stopped part-way (the environment's Lease was lost before its prunes).
    case interrupted

    /// What a target gets when its `events:` is left out: failures and rollbacks, and drift.
    public static let defaultSelection: Set<NotificationEventKind> = [
        .syncFailed, .healthDegraded, .rollback, .autoRollback, .driftDetected, .pruneBlocked, .conflict, .interrupted,
    ]

    /// What a commit-status target gets when its `events:` is left out: every event that says
    /// whether a commit reached the cluster Synced and Healthy.
    public static let commitStatusSelection: Set<NotificationEventKind> = [
        .syncSucceeded, .syncFailed, .healthDegraded, .healthRecovered, .rollback, .autoRollback, .interrupted,
    ]

    public static func < (lhs: NotificationEventKind, rhs: NotificationEventKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
