import Foundation
import Manifests
import Reconciler
import Reports

/// What the dashboard knows of one environment: its last reconcile's outcome, condensed for the
/// overview and the JSON API, plus the outcome itself for the environment and object pages.
///
/// Built only from what the reconcile loop already produced and the history it recorded, so
/// serving a page never reads git or the cluster (the overview of 100 environments is a
/// lookup, not 100 reconciles).
public struct EnvironmentSnapshot: Sendable {
    /// Whether live matches the revision: Argo CD's words.
    public enum SyncState: String, Sendable, Codable { case synced = "Synced", outOfSync = "OutOfSync", unknown = "Unknown" }

    public var name: String
    public var ref: String?
    public var path: String
    public var cluster: String
    /// The commit applied (or read); `nil` before the first reconcile.
    public var commit: CommitInfo?
    public var sync: SyncState
    /// `nil` before the first reconcile.
    public var health: HealthStatus?
    /// Objects live differs from the revision in, not counting creations still to make.
    public var driftCount: Int
    /// The newest recorded operation.
    public var lastOperation: HistoryRecord?
    /// The newest records, newest first (what the timeline shows).
    public var recentOperations: [HistoryRecord]
    /// The commits the recent operations name (author, subject), by id.
    public var commits: [String: CommitInfo] = [:]
    /// The last reconcile's one-line error, when it failed.
    public var error: String?
    /// What the last dashboard action on it did, or why it failed.
    public var actionNote: String?
    /// A reconcile is running now.
    public var reconciling: Bool
    /// When the last reconcile finished.
    public var checkedAt: Date?
    /// The last successful outcome (the pages' objects, drift and health).
    public var outcome: ReconcileOutcome?
    /// When the timeline was last read from the cluster's history.
    public var historyReadAt: Date?

    /// How long a timeline read after a reconcile that recorded nothing is kept: another process
    /// (a replica, `mooring sync`) may have recorded an operation meanwhile.
    public static let historyRefresh: TimeInterval = 60

    /// Whether the history must be read again after `result`: it recorded an operation or failed,
    /// or the last reading is older than `historyRefresh`. A no-op pass records nothing, and with
    /// a thousand environments reading each one's history and its commits from git every pass
    /// was a large share of the pass.
    public func needsHistory(after result: EnvironmentResult, at time: Date) -> Bool {
        guard let historyReadAt, time.timeIntervalSince(historyReadAt) < Self.historyRefresh else { return true }
        guard case .success(let outcome) = result.outcome else { return true }
        return outcome.record != nil || outcome.autoRollbackRecord != nil
    }

    public init(environment: EnvironmentConfiguration) {
        name = environment.name
        ref = environment.ref
        path = environment.path
        cluster = environment.cluster.description
        sync = .unknown
        driftCount = 0
        recentOperations = []
        reconciling = false
    }

    /// Takes a finished reconcile in: the outcome, or its failure (keeping what was known).
    public mutating func record(_ result: EnvironmentResult, history: History?, commits: [String: CommitInfo] = [:], at time: Date) {
        reconciling = false
        checkedAt = time
        if let history {
            historyReadAt = time
            recentOperations = Array(history.records.reversed())
            lastOperation = history.latest
            self.commits = commits
        }
        switch result.outcome {
        case .success(let outcome):
            error = nil
            self.outcome = outcome
            commit = outcome.commits[outcome.revision].map(CommitInfo.init) ?? CommitInfo(id: outcome.revision)
            for (id, facts) in outcome.commits where self.commits[id] == nil { self.commits[id] = CommitInfo(facts) }
            sync = outcome.isSynced ? .synced : .outOfSync
            health = outcome.health.status
            driftCount = outcome.changeSet == nil ? outcome.diff.outOfSync.count : 0
            if let record = outcome.autoRollbackRecord ?? outcome.record, record.id >= (lastOperation?.id ?? 0) {
                lastOperation = record
                if !recentOperations.contains(record) { recentOperations.insert(record, at: 0) }
            }
        case .failure(let failure):
            error = failure.description
            sync = .unknown
        }
    }

    /// The marker the overview shows beside a rolled-back environment: the newest operation
    /// when it is a rollback or an auto-rollback.
    public var rollbackMarker: String? {
        guard let last = lastOperation, last.operation == .rollback || last.operation == .autoRollback else { return nil }
        let what = last.operation == .autoRollback ? "auto-rollback" : "rollback"
        guard let from = last.rolledBackFrom else { return what }
        return "\(what) from \(from.prefix(7)) to \((last.rolledBackTo ?? last.revision).prefix(7))"
    }

    /// The health the overview shows: Unknown until assessed.
    public var shownHealth: HealthStatus { health ?? .unknown }

    /// The environment's objects as the Reports model has them (actions, masked field diffs),
    /// with each declared object's health.
    public var report: EnvironmentReport? {
        guard let outcome else { return nil }
        let plain = EnvironmentReport(diff: outcome.diff, commit: commit, warnings: outcome.rendered.warnings)
        let health = Dictionary(outcome.health.entries.map { ($0.identity, $0.health) }, uniquingKeysWith: { first, _ in first })
        let objects = plain.objects.map { object in
            ObjectReport(identity: object.identity, action: object.action, changes: object.changes,
                         manifest: object.action == .create ? outcome.diff.object(object.identity)?.desired : nil,
                         health: health[object.identity], message: object.message)
        }
        return EnvironmentReport(environment: plain.environment, revision: plain.revision, previousRevision: outcome.previousRevision,
                                 commit: commit, objects: objects, health: outcome.health.status, notes: plain.notes, remarks: plain.remarks)
    }

    /// The health of one object, as last assessed.
    public func health(of identity: ObjectIdentity) -> HealthAssessment? {
        outcome?.health.entries.first { $0.identity == identity }?.health
    }
}
