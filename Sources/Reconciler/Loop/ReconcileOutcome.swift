import Foundation
import Manifests

/// What one reconcile of an environment found and did: the answer `mooring run` and `sync`
/// report, and what the exit code is computed from. It carries everything a report needs (the
/// rendering's warnings, the commits, the stored history records, typed remarks), so reports are
/// assembled from it without reading git or the cluster again.
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
    /// One line for humans and the history: "Synced to 1a2b3c4", "Degraded: rolled back from … to …".
    public var message: String
    /// What a reader must know beyond the heading, as values; empty for a routine reconcile.
    public var remarks: [ReconcileRemark]
    /// The rendering of the revision read (`diff.revision`): its warnings become policy notes.
    public var rendered: RenderedEnvironment
    /// The commits the outcome names (the revision read, the auto-rollback's), by id.
    public var commits: [String: RevisionFacts]
    /// The history record stored for `changeSet` (with its id and previous revision).
    public var record: HistoryRecord?
    /// The history record stored for `autoRollback`.
    public var autoRollbackRecord: HistoryRecord?
    /// The remarks about the auto-rollback (its failures, the revert in git).
    public var autoRollbackRemarks: [ReconcileRemark]
    /// The revision deployed before the one this outcome is about, when the history knows it.
    public var previousRevision: String?

    public init(environment: String, targetRevision: String, revision: String, decision: ReconcileDecision,
                diff: EnvironmentDiff, changeSet: ChangeSet? = nil, rollback: RollbackDetection? = nil,
                autoRollback: ChangeSet? = nil, revertCommit: String? = nil, health: EnvironmentHealth, message: String,
                remarks: [ReconcileRemark] = [], rendered: RenderedEnvironment = RenderedEnvironment(objects: [], warnings: []),
                commits: [String: RevisionFacts] = [:], record: HistoryRecord? = nil, autoRollbackRecord: HistoryRecord? = nil,
                autoRollbackRemarks: [ReconcileRemark] = [], previousRevision: String? = nil) {
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
        self.remarks = remarks
        self.rendered = rendered
        self.commits = commits
        self.record = record
        self.autoRollbackRecord = autoRollbackRecord
        self.autoRollbackRemarks = autoRollbackRemarks
        self.previousRevision = previousRevision
    }

    /// In sync after the reconcile: at the revision the ref points at, nothing left OutOfSync,
    /// and nothing failed (an operation recorded Failed, e.g. with a LIST failing, is not in
    /// sync even when every apply went through).
    public var isSynced: Bool {
        if autoRollback != nil || revision != targetRevision { return false }
        if record?.result == .failed { return false }
        if remarks.contains(where: \.leavesOutcomeIncomplete) { return false }
        if let changeSet, changeSet.dryRun { return !changeSet.hasChanges && changeSet.conflicts.isEmpty }
        if let changeSet {
            return changeSet.succeeded && changeSet.conflicts.isEmpty
                && !changeSet.entries.contains { $0.keepReason?.leavesEnvironmentOutOfSync == true }
        }
        return diff.isSynced
    }

    /// What `mooring run --once` wants: Synced and Healthy (and no post-deploy test failed).
    public var isSyncedAndHealthy: Bool {
        isSynced && health.status == .healthy && (autoRollback ?? changeSet)?.operationHealth != .degraded
    }
}
