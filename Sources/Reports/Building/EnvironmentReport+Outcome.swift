import Manifests
import Reconciler

extension EnvironmentReport {
    /// What one reconcile did (`mooring run`, `mooring sync`): the sync, dry run or the drift
    /// found when nothing was applied, then the auto-rollback after a Degraded sync as a second
    /// part. Everything comes from the outcome: nothing is read again.
    public static func parts(of outcome: ReconcileOutcome) -> [EnvironmentReport] {
        let commit = outcome.commits[outcome.diff.revision].map(CommitInfo.init)
        var remarks = outcome.remarks.compactMap(remark)
        let health = outcome.changeSet?.health ?? outcome.health
        let healthExplained = outcome.remarks.contains { if case .healthFailed = $0 { true } else { false } }
        if health.status != .healthy, !health.worst.isEmpty, !healthExplained { remarks.append("health: \(health)") }

        guard let changes = outcome.changeSet else {
            var report = EnvironmentReport(diff: outcome.diff, commit: commit, warnings: outcome.rendered.warnings, remarks: remarks)
            report.health = outcome.health.status
            report.previousRevision = outcome.previousRevision
            report.observed = true
            return [report]
        }
        var parts = [EnvironmentReport(changeSet: changes, commit: commit, context: outcome.rollback.map(ReportContext.init),
                                       previousRevision: outcome.previousRevision, desired: outcome.diff.objects.compactMap(\.desired),
                                       warnings: outcome.rendered.warnings, remarks: remarks)]
        if let rollback = outcome.autoRollback {
            parts.append(EnvironmentReport(
                changeSet: rollback, commit: outcome.commits[rollback.revision].map(CommitInfo.init),
                context: .rollback(from: changes.revision, to: rollback.revision, reason: "health check failed"),
                previousRevision: changes.revision, remarks: outcome.autoRollbackRemarks.compactMap(remark)))
        }
        return parts
    }

    /// A preview of a revision on an environment (`mooring diff`).
    public init(preview: RevisionPreview) {
        self.init(diff: preview.diff, commit: CommitInfo(preview.commit), context: preview.rollback.map(ReportContext.init),
                  warnings: preview.rendered.warnings, kept: preview.kept)
        previousRevision = preview.previousRevision
    }

    /// A remark's line in a report; `nil` for what the report's context line already says.
    static func remark(_ remark: ReconcileRemark) -> String? {
        switch remark {
        case .rollback, .rolledBack: return nil
        default: return remark.description
        }
    }
}
