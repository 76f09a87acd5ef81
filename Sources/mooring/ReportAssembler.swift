import Manifests
import Reconciler
import Reports

/// Turns the reconciler's results into report parts, adding what the results do not carry:
/// the commit's author and summary, the rendering's YAML warnings (policy notes), the revision
/// deployed before, and the rollback context.
struct ReportAssembler: Sendable {
    let source: GitConfigSource

    var commits: CommitCatalog { CommitCatalog(repository: source.mirror.repository) }

    /// A preview of `diff.revision` on the environment: `mooring diff`.
    func report(diff: EnvironmentDiff, reconciler: EnvironmentReconciler) async -> EnvironmentReport {
        let history = try? await reconciler.history()
        let rollback = try? await reconciler.rollbackDetection(revision: diff.revision)
        var report = EnvironmentReport(diff: diff, commit: await commits.info(diff.revision), context: rollback.map(ReportContext.init),
                                       warnings: await warnings(diff.revision, environment: reconciler.environment))
        report.previousRevision = history?.latest?.revision
        return report
    }

    /// What one reconcile did: the sync (or dry run, or the drift found when nothing was applied),
    /// then the auto-rollback after a Degraded sync as a second part.
    func reports(outcome: ReconcileOutcome, reconciler: EnvironmentReconciler) async -> [EnvironmentReport] {
        let environment = reconciler.environment
        let history = try? await reconciler.history()
        let desired = outcome.diff.objects.compactMap(\.desired)
        let warnings = await warnings(outcome.diff.revision, environment: environment)
        var remarks = Self.isRoutine(outcome) ? [] : [outcome.message]
        if outcome.health.status != .healthy, !outcome.health.worst.isEmpty { remarks.append("health: \(outcome.health)") }

        guard let changes = outcome.changeSet else {
            var report = EnvironmentReport(diff: outcome.diff, commit: await commits.info(outcome.diff.revision),
                                           warnings: warnings, remarks: remarks)
            report.health = outcome.health.status
            report.previousRevision = history?.latest.flatMap { $0.revision == outcome.diff.revision ? $0.previousRevision : $0.revision }
            return [report]
        }
        let previous = changes.dryRun ? history?.latest?.revision : Self.record(of: changes, in: history)?.previousRevision
        // A dry run detects nothing itself; it says what the real sync would be recorded as.
        let rollback = changes.dryRun ? try? await reconciler.rollbackDetection(revision: changes.revision) : outcome.rollback
        var parts = [EnvironmentReport(changeSet: changes, commit: await commits.info(changes.revision),
                                       context: rollback.map(ReportContext.init), previousRevision: previous,
                                       desired: desired, warnings: warnings, remarks: remarks)]
        if let rollback = outcome.autoRollback {
            parts.append(EnvironmentReport(
                changeSet: rollback, commit: await commits.info(rollback.revision),
                context: .rollback(from: changes.revision, to: rollback.revision, reason: "health check failed"),
                previousRevision: changes.revision, remarks: outcome.revertCommit.map { ["reverted in git by \($0.prefix(7))"] } ?? []))
        }
        return parts
    }

    /// Whether the outcome's message only restates the heading ("sync to 1a2b3c4", "Synced to
    /// 1a2b3c4"): anything else (a failure, a rollback, drift left alone) is worth a remark.
    static func isRoutine(_ outcome: ReconcileOutcome) -> Bool {
        let short = outcome.revision.prefix(7)
        let routine = ["Synced to \(short)"] + (outcome.changeSet.map { ["\($0.operation.rawValue) to \(short)", $0.description] } ?? [])
        return outcome.isSyncedAndHealthy && outcome.rollback == nil && routine.contains(outcome.message)
    }

    /// The history record a change set was recorded as (the newest of its revision and operation).
    static func record(of changes: ChangeSet, in history: History?) -> HistoryRecord? {
        history?.records.last { $0.revision == changes.revision && $0.operation == changes.operation }
    }

    /// The renderer's warnings (YAML 1.1 booleans and the like) for the environment at a revision.
    func warnings(_ revision: String, environment: EnvironmentConfiguration) async -> [ManifestWarning] {
        (try? await source.render(revision: revision, path: environment.path).warnings) ?? []
    }
}
