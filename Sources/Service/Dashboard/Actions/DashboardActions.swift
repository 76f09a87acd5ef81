/// What a signed-in user may do from the dashboard. Each action is recorded in the
/// environment's history with who asked (`by`), as the CLI's equivalent would be by the commit's
/// author: the history, in the cluster, stays the one account of what happened.
public protocol DashboardActions: Sendable {
    /// Applies the environment's ref now (`mooring sync`), whatever the poll would decide.
    func sync(_ environment: String, by user: String) async throws -> String
    /// Reverts the environment's commits after `revision` in git and pushes (`mooring rollback
    /// --to REVISION --push`), then syncs: the history records the rollback.
    func rollBack(_ environment: String, to revision: String, by user: String) async throws -> String
    /// Commits `from`'s manifests into `to`'s folder and pushes (`mooring promote --push`), then
    /// syncs `to`.
    func promote(from: String, to: String, by user: String) async throws -> String
}
