import Synchronization

/// An environment's last pass that found it settled — Synced and Healthy at the revision its ref
/// points at, nothing applied, nothing pending (no hook, no drift, no failure, no conflict) — and
/// what that pass read. A later pass that would read the same (`Inputs`) would find the same,
/// so `mooring run` answers it with the outcome kept here instead of rendering, diffing and
/// assessing again: a pass over a thousand unchanged environments costs a thousand look-ups
/// (issue 14: "a pass's cost does not grow with unchanged environments").
///
/// What a pass reads, and how each is known unchanged:
/// - the revision: the ref's commit (a new commit, even one that leaves the environment's files
///   alone, is a new revision and a full pass, whose sync the history records);
/// - the live objects and the history: the live cache's `EnvironmentChanges` stamp (any change
///   the cache stores for the environment, status included; a relist or a watch cut moves every
///   stamp, so the cache's periodic resync also makes every environment pass in full again);
/// - others' claims on the cluster's Leases: `PublishedClaims.generation`;
/// - what sibling environments declare: the commits their refs point at.
public final class SettledEnvironment: Sendable {
    /// What a pass reads, as far as it can change between passes.
    public struct Inputs: Sendable, Equatable {
        var target: String
        var live: EnvironmentChanges.Stamp
        var claims: UInt64
        var siblingRevisions: String
    }

    private let last = Mutex<(inputs: Inputs, outcome: ReconcileOutcome)?>(nil)

    public init() {}

    /// The settled outcome of the last pass, when it read what a pass would read now.
    func outcome(reading inputs: Inputs) -> ReconcileOutcome? {
        last.withLock { last in last.flatMap { $0.inputs == inputs ? $0.outcome : nil } }
    }

    /// Keeps `outcome` when it is settled (read with `inputs`, taken before anything was read);
    /// anything else forgets the last one, so the next pass is a full one.
    func remember(_ outcome: ReconcileOutcome, read inputs: Inputs) {
        let settled = Self.isSettled(outcome, target: inputs.target)
        last.withLock { $0 = settled ? (inputs, outcome) : nil }
    }

    func forget() { last.withLock { $0 = nil } }

    /// Synced and Healthy at `target` by looking only: up to date, nothing to remark on (drift,
    /// conflicts, a rolled-back revision skipped, a listing that failed), no hook waiting.
    static func isSettled(_ outcome: ReconcileOutcome, target: String) -> Bool {
        guard case .upToDate(let revision) = outcome.decision, revision == target, outcome.targetRevision == target else { return false }
        return outcome.changeSet == nil && outcome.record == nil && outcome.remarks.isEmpty && outcome.isSyncedAndHealthy
            && outcome.diff.conflicts.isEmpty
    }
}
