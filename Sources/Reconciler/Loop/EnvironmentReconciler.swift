import Foundation
import Manifests

/// One environment's reconcile: resolve the ref, render the revision, read the live state, diff
/// (suspected drift confirmed by a server-side dry-run), decide with `ReconcileDecision`, then
/// sync, self-heal or just report; a Degraded sync is rolled back to the last Healthy revision
/// when `rollbackOnFailure` is set. Every operation is recorded in the cluster's history.
///
/// Bad input (unreadable repository, invalid YAML, unknown kind, unreachable cluster) throws a
/// `ReconcileError` before anything is applied or pruned.
public struct EnvironmentReconciler: Sendable {
    public let environment: EnvironmentConfiguration
    public let source: any ConfigSource
    public var cluster: any ClusterClient
    public var options: SyncOptions
    public var progress: SyncProgress
    /// Commits and pushes reverts for `revertInGit`; `nil` leaves git alone.
    public var revertPublisher: (any RevertPublisher)?
    public var backoff: SelfHealBackoff
    /// The environment's Lease, taken before a poll or a sync applies anything; `nil` applies
    /// without one (tests of a single applier).
    public var lock: EnvironmentLock?
    /// The environments of the configuration moored to the same cluster (this one skips itself):
    /// an object two of them declare is refused at render time.
    public var siblings: SiblingEnvironments = []
    /// What the environments of the configuration declare, shared by its reconcilers (each
    /// sibling rendered once per revision); `nil` renders the siblings on every read.
    public var declarations: DeclarationIndex?
    /// What other owners claim on the cluster's Leases, read once for every environment moored
    /// there; `nil` reads the Leases on each pass.
    public var publishedClaims: PublishedClaims?
    /// Shared by the process's reconcilers: how many environments reconcile at once (`Poller`
    /// waits for one before it times a pass); `nil` is no bound.
    public var slots: EnvironmentSlots?
    /// The last pass's in-sync verdicts, kept between passes by `mooring run`; `nil` diffs
    /// every object every time (one-shot commands).
    public var diffMemo: DiffMemo?
    /// The last settled pass and what it read, kept between passes by `mooring run` (which reads
    /// through a live cache): a pass that would read the same answers with it. `nil` reads and
    /// diffs every pass.
    public var settled: SettledEnvironment?
    /// Who asked for the operations this reconciler records (a dashboard user); `nil` for the loop.
    public var requestedBy: String?

    public init(environment: EnvironmentConfiguration, source: any ConfigSource, cluster: any ClusterClient,
                options: SyncOptions = SyncOptions(), progress: SyncProgress = .silent,
                revertPublisher: (any RevertPublisher)? = nil, backoff: SelfHealBackoff = SelfHealBackoff(),
                lock: EnvironmentLock? = nil) {
        self.environment = environment
        self.source = source
        self.cluster = cluster
        self.options = options
        self.progress = progress
        self.revertPublisher = revertPublisher
        self.backoff = backoff
        self.lock = lock
    }

    var name: String { environment.name }
    var historyStore: HistoryStore { HistoryStore(cluster: cluster) }

    // MARK: - The poll

    /// One poll of the environment (the repository already fetched), holding its Lease. The
    /// history is read once, at the start: the Lease makes this reconciler its only writer.
    public func reconcile(now: Date = Date()) async throws -> ReconcileOutcome {
        // Rendering reads only git: it runs while the Lease and the history are asked for.
        // (Should the history skip the ref's revision as rolled back, the pass renders another.)
        // With a settled memo it starts only once the memo did not answer: a settled pass reads
        // no tree at all.
        if settled == nil { source.prepareRendering(ref: environment.ref, path: environment.path) }
        return try await holdingLease { try await poll(now: now) }
    }

    private func poll(now: Date) async throws -> ReconcileOutcome {
        let target = try await resolve(environment.ref)
        // Taken before anything is read: a change arriving during the pass makes the next one full.
        let inputs = await settledInputs(target: target)
        if let inputs, let outcome = settled?.outcome(reading: inputs) {
            progress.say("\(name): unchanged since its last pass at \(target.prefix(7)) (nothing changed live or in git): not read again")
            return outcome
        }
        if settled != nil { source.prepareRendering(ref: environment.ref, path: environment.path) }
        do {
            let (past, interrupted) = try await completingInterrupted(try await loadHistory())
            var outcome = try await poll(target: target, history: past, now: now)
            if let interrupted { try await recordInterrupted(interrupted, in: &outcome) }
            if let inputs, interrupted == nil { settled?.remember(outcome, read: inputs) } else { settled?.forget() }
            return outcome
        } catch {
            settled?.forget()
            throw error
        }
    }

    private func poll(target: String, history past: History, now: Date) async throws -> ReconcileOutcome {
        let (revision, skipped) = ReconcileDecision.effectiveRevision(target: target, history: past)
        let state = try await read(revision: revision)
        let decision = ReconcileDecision.decide(revision: revision, history: past, liveMatches: state.plan.isEmpty,
                                                selfHeal: environment.selfHeal, now: now, backoff: backoff)
        switch decision {
        case .upToDate:
            var remarks = skipped.map { [ReconcileRemark.rolledBackRevisionSkipped($0)] } ?? []
            remarks += ReconcileRemark.conflicts(in: state.diff)
            return observed(state, target: target, decision: decision, history: past,
                            headline: "Synced to \(revision.prefix(7))", remarks: remarks)
        case .reportDrift(_, let retryAt):
            let drift = ReconcileRemark.driftLeft(objects: state.diff.outOfSync.count, revision: revision, retryAt: retryAt)
            return observed(state, target: target, decision: decision, history: past, headline: nil, remarks: [drift])
        case .apply(_, let reason):
            let rollback = reason == .newRevision ? await detectRollback(state.commit, history: past) : nil
            var outcome = try await apply(state, operation: rollback == nil ? .sync : .rollback, rollback: rollback,
                                          target: target, history: past)
            outcome.decision = decision
            return outcome
        case .selfHeal:
            var outcome = try await apply(state, operation: .selfHeal, rollback: nil, target: target, history: past)
            outcome.decision = decision
            return outcome
        }
    }

    // MARK: - Commands

    /// `mooring diff`: live against a revision (default: the environment's ref), confirmed by dry-run.
    public func diff(ref: String? = nil) async throws -> EnvironmentDiff {
        try await read(revision: try await resolve(ref ?? environment.ref)).diff
    }

    /// `mooring sync`: applies a revision now, whatever the history says, holding the
    /// environment's Lease; `dryRun` only plans (and takes no Lease), and says whether the real
    /// sync would be recorded as a rollback.
    public func sync(ref: String? = nil, dryRun: Bool = false) async throws -> ReconcileOutcome {
        if dryRun { return try await syncNow(ref: ref, dryRun: true) }
        return try await holdingLease { try await syncNow(ref: ref, dryRun: false) }
    }

    /// Gives the environment's Lease back (`mooring run` stopping).
    public func releaseLease() async { await lock?.release() }

    /// Runs `body` holding the Lease, given back afterwards when its tenure is per operation.
    private func holdingLease<T>(_ body: () async throws -> T) async throws -> T {
        guard let lock else { return try await body() }
        try await lock.hold(environment: name, progress: progress)
        do {
            let result = try await body()
            await lock.finish()
            return result
        } catch {
            await lock.finish()
            throw error
        }
    }

    private func syncNow(ref: String?, dryRun: Bool) async throws -> ReconcileOutcome {
        let revision = try await resolve(ref ?? environment.ref)
        let (past, interrupted) = dryRun ? (try await loadHistory(), nil) : try await completingInterrupted(try await loadHistory())
        let state = try await read(revision: revision)
        let decision = ReconcileDecision.apply(revision: revision, reason: .newRevision)
        let rollback = await detectRollback(state.commit, history: past)
        if dryRun {
            let planned = ChangeSet(planned: state.plan, dryRun: true, startedAt: Date())
            var outcome = observed(state, target: revision, decision: decision, history: past,
                                   headline: planned.description, remarks: [])
            outcome.changeSet = planned
            outcome.rollback = rollback
            outcome.previousRevision = past.latest?.revision
            return outcome
        }
        var outcome = try await apply(state, operation: rollback == nil ? .sync : .rollback, rollback: rollback,
                                      target: revision, history: past)
        outcome.decision = decision
        if let interrupted { try await recordInterrupted(interrupted, in: &outcome) }
        return outcome
    }
}
