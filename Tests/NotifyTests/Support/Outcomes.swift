import Foundation
import Manifests
import Reconciler

/// Reconcile outcomes as the loop builds them, for the policy and message tests: a sync, a
/// failed sync with an auto-rollback, drift, an idle pass — with change sets, records and health.
enum Outcomes {
    static let good = "1111111111111111111111111111111111111111"
    static let bad = "2222222222222222222222222222222222222222"
    static let revert = "3333333333333333333333333333333333333333"
    static let deployment = ObjectIdentity(type: GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"),
                                           namespace: "django-master", name: "django-admin")
    static let configMap = ObjectIdentity(type: GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"),
                                          namespace: "django-master", name: "django-settings")

    static func health(_ status: HealthStatus, _ message: String = "") -> EnvironmentHealth {
        EnvironmentHealth(entries: [.init(identity: deployment, health: HealthAssessment(status, message)),
                                    .init(identity: configMap, health: HealthAssessment(.healthy, ""))])
    }

    static let degraded = health(.degraded, "container django: ImagePullBackOff: unpullable image")

    static func record(_ id: Int, _ revision: String, _ operation: SyncOperation = .sync, result: OperationResult = .succeeded,
                       health: HealthStatus = .healthy, from: String? = nil, to: String? = nil) -> HistoryRecord {
        HistoryRecord(id: id, revision: revision, time: Date(timeIntervalSince1970: 1_800_000_000 + Double(id)), operation: operation,
                      result: result, health: health, message: "", rolledBackFrom: from, rolledBackTo: to)
    }

    static func changes(_ revision: String, _ operation: SyncOperation = .sync, health: EnvironmentHealth = health(.healthy),
                        failed: String? = nil) -> ChangeSet {
        var entries = [ChangeSetEntry(identity: deployment, action: .configured), ChangeSetEntry(identity: configMap, action: .unchanged)]
        if let failed { entries[0] = ChangeSetEntry(identity: deployment, action: .failed, message: failed) }
        return ChangeSet(environment: "master", revision: revision, operation: operation, entries: entries, health: health,
                         startedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    static func commits(_ revisions: String...) -> [String: RevisionFacts] {
        Dictionary(uniqueKeysWithValues: revisions.map {
            ($0, RevisionFacts(revision: $0, message: "Ship \($0.prefix(4))\n\nbody", pathTree: nil, author: "Ada Lovelace"))
        })
    }

    /// A sync of `revision` that ended as `record` says.
    static func sync(_ revision: String, record: HistoryRecord, health: EnvironmentHealth = health(.healthy),
                     rollback: RollbackDetection? = nil, failed: String? = nil, remarks: [ReconcileRemark] = []) -> ReconcileOutcome {
        ReconcileOutcome(environment: "master", targetRevision: revision, revision: revision,
                         decision: .apply(revision: revision, reason: .newRevision),
                         diff: EnvironmentDiff(environment: "master", revision: revision, objects: []),
                         changeSet: changes(revision, record.operation, health: health, failed: failed), rollback: rollback,
                         health: health, message: "", remarks: remarks, commits: commits(revision), record: record,
                         previousRevision: record.previousRevision)
    }

    /// The bad revision applied, Degraded, rolled back to the good one.
    static func autoRolledBack(syncRecord: Int = 2) -> ReconcileOutcome {
        var outcome = sync(bad, record: record(syncRecord, bad, result: .failed, health: .degraded), health: degraded,
                           remarks: [.healthFailed(HealthFailure(status: .degraded, reason: "Degraded: Deployment.apps django-master/django-admin"))])
        outcome.autoRollback = changes(good, .autoRollback)
        outcome.autoRollbackRecord = record(syncRecord + 1, good, .autoRollback, from: bad, to: good)
        outcome.autoRollbackRemarks = [.rolledBack(from: bad, to: good)]
        outcome.revision = good
        outcome.health = health(.healthy)
        outcome.commits = commits(bad, good)
        return outcome
    }

    /// A pass that applied nothing.
    static func idle(_ revision: String, health: EnvironmentHealth = health(.healthy),
                     decision: ReconcileDecision? = nil, outOfSync: Bool = false) -> ReconcileOutcome {
        let objects = outOfSync ? [ObjectDiff(identity: deployment, status: .outOfSync(.configure), desired: nil, live: nil)] : []
        return ReconcileOutcome(environment: "master", targetRevision: revision, revision: revision,
                                decision: decision ?? .upToDate(revision: revision),
                                diff: EnvironmentDiff(environment: "master", revision: revision, objects: objects),
                                health: health, message: "", commits: commits(revision))
    }
}
