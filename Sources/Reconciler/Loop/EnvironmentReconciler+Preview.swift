import Foundation

/// What a report about a revision needs beyond its diff, read the way `sync` would read it.
extension EnvironmentReconciler {
    /// Whether applying `revision` would be recorded as a rollback (a `git revert`, or a tree
    /// equal to an earlier applied one): the context a preview shows before anything is applied.
    public func rollbackDetection(revision: String) async throws -> RollbackDetection? {
        try await detectRollback(revision: revision, history: try await loadHistory())
    }
}
