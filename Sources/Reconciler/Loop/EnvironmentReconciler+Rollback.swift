import Foundation
import Manifests

/// Rollbacks: recognising a revert or restored tree, and rolling back by itself after a Degraded sync.
extension EnvironmentReconciler {
    /// Re-applies the last Healthy revision after `bad` ended Degraded, records it as an
    /// auto-rollback, and with `revertInGit` commits and pushes a revert of `bad`.
    ///
    /// - Parameter history: the history with `bad`'s record in it.
    func rollBack(from bad: String, history: History, into outcome: inout ReconcileOutcome) async throws {
        guard let good = history.lastHealthyRevision(excluding: bad) else {
            outcome.remarks.append(.noHealthyRevision)
            outcome.message += "; \(ReconcileRemark.noHealthyRevision)"
            return
        }
        progress.say("\(name): \(bad.prefix(7)) is Degraded, rolling back to \(good.prefix(7))")
        let state = try await read(revision: good)
        let run = try await execute(state, operation: .autoRollback, lead: .rolledBack(from: bad, to: good),
                                    rolledBackFrom: bad, rolledBackTo: good, history: history)
        outcome.autoRollback = run.changes
        outcome.autoRollbackRecord = run.record
        outcome.autoRollbackRemarks = run.remarks
        outcome.commits[good] = state.commit
        outcome.revision = good
        outcome.health = run.changes.health ?? outcome.health
        outcome.message = run.record.message
        if environment.revertInGit, let revertPublisher {
            let remark: ReconcileRemark
            do {
                let revert = try await revertPublisher.revert(bad, onBranch: environment.ref, push: true)
                outcome.revertCommit = revert
                remark = .revertedInGit(revert)
            } catch {
                remark = .revertInGitFailed(revision: bad, reason: "\(error)")
            }
            outcome.autoRollbackRemarks.append(remark)
            outcome.message += "; \(remark)"
        }
    }

    /// Whether `commit` is a revert or returns the folder to an earlier applied tree. The trees
    /// of earlier revisions come from their history records; only records made before the
    /// history kept trees cost a read of git (at most `History.limit`, once).
    func detectRollback(_ commit: RevisionFacts, history: History) async -> RollbackDetection? {
        var trees: [String: String] = [:]
        for record in history.records { if let tree = record.pathTree { trees[record.revision] = tree } }
        if commit.pathTree != nil {
            for revision in Set(history.records.map(\.revision)) where trees[revision] == nil {
                trees[revision] = try? await source.describe(revision: revision, path: environment.path).pathTree
            }
        }
        return RollbackDetection.detect(new: commit, history: history) { trees[$0] }
    }
}
