import Foundation
import Manifests

/// What a report about a revision needs beyond its diff, read the way `sync` would read it.
public struct RevisionPreview: Sendable {
    /// Live against the revision, confirmed by dry-run.
    public var diff: EnvironmentDiff
    /// The revision's rendering: its warnings become policy notes.
    public var rendered: RenderedEnvironment
    public var commit: RevisionFacts
    /// Set when applying the revision would be recorded as a rollback (a `git revert`, or a tree
    /// equal to an earlier applied one): the context a preview shows before anything is applied.
    public var rollback: RollbackDetection?
    /// The revision deployed now, when the history knows it.
    public var previousRevision: String?
    /// What a sync would keep instead of pruning, and why (prune off, an emptied revision
    /// without `allowEmpty`, a failed LIST, an annotation): a diff shows these as blocked.
    public var kept: [KeptObject] = []
}

extension EnvironmentReconciler {
    /// `mooring diff`: a revision (default: the environment's ref) against live, with everything
    /// its report shows, in one read of the revision and one of the history.
    public func preview(ref: String? = nil) async throws -> RevisionPreview {
        let revision = try await resolve(ref ?? environment.ref)
        // A preview must not fail for want of the history (it may be unreadable to a reviewer's
        // credentials): without it, the report only lacks the rollback context.
        let history = (try? await loadHistory()) ?? History(environment: name)
        let state = try await read(revision: revision)
        return RevisionPreview(diff: state.diff, rendered: state.rendered, commit: state.commit,
                               rollback: await detectRollback(state.commit, history: history),
                               previousRevision: history.latest?.revision, kept: state.plan.kept)
    }
}
