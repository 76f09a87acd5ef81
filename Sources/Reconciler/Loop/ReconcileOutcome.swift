import Foundation
import Manifests

/// What one reconcile of an environment found and did: the answer `mooring run`, `sync`, `diff`
/// and `status` print, and what the exit code is computed from.
public struct ReconcileOutcome: Sendable {
    public var environment: String
    /// The commit the ref points at.
    public var targetRevision: String
    /// The commit the environment is held at (differs from the target after an auto-rollback).
    public var revision: String
    public var decision: ReconcileDecision
    /// Live against `revision`, before anything was applied.
    public var diff: EnvironmentDiff
    /// What was applied, when something was.
    public var changeSet: ChangeSet?
    /// Set when the applied revision is a rollback (git revert or restored tree).
    public var rollback: RollbackDetection?
    /// The auto-rollback after a Degraded sync, when one happened.
    public var autoRollback: ChangeSet?
    /// The revert commit pushed for `revertInGit`.
    public var revertCommit: String?
    public var health: EnvironmentHealth
    /// One line for humans: "Synced", "Degraded: rolled back from … to …", "drift: …".
    public var message: String

    public init(environment: String, targetRevision: String, revision: String, decision: ReconcileDecision,
                diff: EnvironmentDiff, changeSet: ChangeSet? = nil, rollback: RollbackDetection? = nil,
                autoRollback: ChangeSet? = nil, revertCommit: String? = nil, health: EnvironmentHealth, message: String) {
        self.environment = environment
        self.targetRevision = targetRevision
        self.revision = revision
        self.decision = decision
        self.diff = diff
        self.changeSet = changeSet
        self.rollback = rollback
        self.autoRollback = autoRollback
        self.revertCommit = revertCommit
        self.health = health
        self.message = message
    }

    /// In sync after the reconcile: nothing left OutOfSync and nothing failed.
    public var isSynced: Bool {
        if autoRollback != nil { return false }
        if let changeSet, changeSet.dryRun { return !changeSet.hasChanges && changeSet.conflicts.isEmpty }
        if let changeSet { return changeSet.succeeded && changeSet.conflicts.isEmpty && !changeSet.entries.contains { $0.action == .kept && $0.message?.hasPrefix("not pruned") == true } }
        return diff.isSynced
    }

    /// What `mooring run --once` wants: Synced and Healthy.
    public var isSyncedAndHealthy: Bool { isSynced && health.status == .healthy }
}
