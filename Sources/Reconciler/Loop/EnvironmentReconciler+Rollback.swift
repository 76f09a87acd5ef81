import Foundation
import Manifests

/// Rollbacks: recognising a revert or restored tree, and rolling back by itself after a Degraded sync.
extension EnvironmentReconciler {
    /// Re-applies the last Healthy revision after `bad` ended Degraded, records it as an
    /// auto-rollback, and with `revertInGit` commits and pushes a revert of `bad`.
    func rollBack(from bad: String, into outcome: inout ReconcileOutcome) async throws {
        let past = try await loadHistory()
        guard let good = past.lastHealthyRevision(excluding: bad) else {
            outcome.message += "; no earlier Healthy revision to roll back to"
            return
        }
        progress.say("\(name): \(bad.prefix(7)) is Degraded, rolling back to \(good.prefix(7))")
        let message = "Degraded: rolled back from \(bad.prefix(7)) to \(good.prefix(7))"
        let state = try await read(revision: good)
        let (changes, _) = try await execute(state, operation: .autoRollback, message: message, rolledBackFrom: bad, rolledBackTo: good)
        outcome.autoRollback = changes
        outcome.revision = good
        outcome.health = changes.health ?? outcome.health
        outcome.message = message
        if environment.revertInGit, let revertPublisher {
            do {
                let revert = try await revertPublisher.revert(bad, onBranch: environment.ref, push: true)
                outcome.revertCommit = revert
                outcome.message += "; reverted in git by \(revert.prefix(7))"
            } catch {
                outcome.message += "; reverting \(bad.prefix(7)) in git failed: \(error)"
            }
        }
    }

    /// Whether `revision` is a revert or returns the folder to an earlier applied tree.
    func detectRollback(revision: String, history: History) async throws -> RollbackDetection? {
        do {
            let facts = try await source.describe(revision: revision, path: environment.path)
            var trees: [String: String] = [:]
            for applied in Set(history.records.map(\.revision)) {
                trees[applied] = try? await source.describe(revision: applied, path: environment.path).pathTree
            }
            return RollbackDetection.detect(new: facts, history: history) { trees[$0] }
        } catch {
            throw ReconcileError.source("reading commit \(revision.prefix(7)) failed: \(error)")
        }
    }
}
