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
    public let cluster: any ClusterClient
    public var options: SyncOptions
    public var progress: SyncProgress
    /// Commits and pushes reverts for `revertInGit`; `nil` leaves git alone.
    public var revertPublisher: (any RevertPublisher)?
    public var backoff: SelfHealBackoff
    /// The environment's Lease, taken before a poll or a sync applies anything; `nil` applies
    /// without one (tests of a single applier).
    public var lock: EnvironmentLock?
    /// The other environments of the configuration moored to the same cluster: an object two of
    /// them declare is refused at render time.
    public var siblings: [EnvironmentConfiguration] = []

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

    /// One poll of the environment (the repository already fetched), holding its Lease.
    public func reconcile(now: Date = Date()) async throws -> ReconcileOutcome {
        try await holdingLease { try await poll(now: now) }
    }

    private func poll(now: Date) async throws -> ReconcileOutcome {
        let target = try await resolve(environment.ref)
        let past = try await loadHistory()
        let (revision, skipped) = ReconcileDecision.effectiveRevision(target: target, history: past)
        let state = try await read(revision: revision)
        let decision = ReconcileDecision.decide(revision: revision, history: past, liveMatches: state.plan.isEmpty,
                                                selfHeal: environment.selfHeal, now: now, backoff: backoff)
        switch decision {
        case .upToDate:
            let health = EnvironmentHealth(identities: state.identities, live: state.live.byIdentity, checks: environment.healthChecks)
            var message = "Synced to \(revision.prefix(7))"
            if let skipped { message += " (\(skipped.prefix(7)) was rolled back and is not applied again)" }
            if let conflicts = Self.conflictSummary(state.diff) { message = "Conflict: \(conflicts); the rest is synced to \(revision.prefix(7))" }
            return ReconcileOutcome(environment: name, targetRevision: target, revision: revision, decision: decision,
                                    diff: state.diff, health: health, message: message)
        case .reportDrift(_, let retryAt):
            let health = EnvironmentHealth(identities: state.identities, live: state.live.byIdentity, checks: environment.healthChecks)
            var message = "OutOfSync: \(state.diff.outOfSync.count) object(s) differ from \(revision.prefix(7))"
            if let retryAt { message += "; self-heal backing off until \(retryAt.formatted(.iso8601))" }
            else if !environment.selfHeal { message += "; selfHeal is off" }
            return ReconcileOutcome(environment: name, targetRevision: target, revision: revision, decision: decision,
                                    diff: state.diff, health: health, message: message)
        case .apply(_, let reason):
            let rollback = reason == .newRevision ? try await detectRollback(revision: revision, history: past) : nil
            var outcome = try await apply(state, operation: rollback == nil ? .sync : .rollback, rollback: rollback, target: target)
            outcome.decision = decision
            return outcome
        case .selfHeal:
            var outcome = try await apply(state, operation: .selfHeal, rollback: nil, target: target)
            outcome.decision = decision
            return outcome
        }
    }

    /// `2 objects in conflict (ConfigMap shop/settings exists and is not managed by mooring …)`
    static func conflictSummary(_ diff: EnvironmentDiff) -> String? {
        guard let first = diff.conflicts.first?.conflict else { return nil }
        let count = diff.conflicts.count
        return "\(count) object\(count == 1 ? "" : "s") in conflict (\(first)\(count > 1 ? ", …" : ""))"
    }

    // MARK: - Commands

    /// `mooring diff`: live against a revision (default: the environment's ref), confirmed by dry-run.
    public func diff(ref: String? = nil) async throws -> EnvironmentDiff {
        try await read(revision: try await resolve(ref ?? environment.ref)).diff
    }

    /// `mooring sync`: applies a revision now, whatever the history says, holding the
    /// environment's Lease; `dryRun` only plans (and takes no Lease).
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
        let state = try await read(revision: revision)
        let decision = ReconcileDecision.apply(revision: revision, reason: .newRevision)
        if dryRun {
            let planned = ChangeSet(planned: state.plan, dryRun: true, startedAt: Date())
            let health = EnvironmentHealth(identities: state.identities, live: state.live.byIdentity, checks: environment.healthChecks)
            return ReconcileOutcome(environment: name, targetRevision: revision, revision: revision, decision: decision,
                                    diff: state.diff, changeSet: planned, health: health, message: planned.description)
        }
        let rollback = try await detectRollback(revision: revision, history: try await loadHistory())
        var outcome = try await apply(state, operation: rollback == nil ? .sync : .rollback, rollback: rollback, target: revision)
        outcome.decision = decision
        return outcome
    }

    // MARK: - Applying

    /// Runs the plan, waits for health, records the operation, and rolls back on Degraded.
    private func apply(_ state: ReadState, operation: SyncOperation, rollback: RollbackDetection?, target: String) async throws -> ReconcileOutcome {
        progress.say("\(name): \(operation.rawValue) to \(state.revision.prefix(7)): \(state.plan.objectsToApply.count) to apply, \(state.plan.prune.count) to prune")
        let (changes, record) = try await execute(state, operation: operation, message: rollback?.message,
                                                  rolledBackFrom: rollback?.from, rolledBackTo: rollback?.to)
        var outcome = ReconcileOutcome(environment: name, targetRevision: target, revision: state.revision,
                                       decision: .apply(revision: state.revision, reason: .newRevision), diff: state.diff,
                                       changeSet: changes, rollback: rollback, health: changes.health ?? EnvironmentHealth(entries: []),
                                       message: record.message)
        if record.health == .degraded && environment.rollbackOnFailure && operation != .autoRollback {
            try await rollBack(from: state.revision, into: &outcome)
        }
        return outcome
    }

    /// Plan → apply → health → history record.
    func execute(_ state: ReadState, operation: SyncOperation, message: String?,
                         rolledBackFrom: String?, rolledBackTo: String?) async throws -> (ChangeSet, HistoryRecord) {
        let lock = self.lock
        let runner = SyncRunner(cluster: cluster, options: options, progress: progress,
                                transfer: FieldOwnershipTransfer(adoptFrom: environment.adoptFrom),
                                interruption: { await lock?.interruption() })
        var changes = await runner.run(state.plan, operation: operation, definitions: state.definitions,
                                       waveGate: WaveGate(environment: name, timeout: environment.healthTimeout, checks: environment.healthChecks))
        let monitor = HealthMonitor(cluster: cluster, pollInterval: options.healthPollInterval, checks: environment.healthChecks)
        var failure: String?
        do {
            if changes.succeeded {
                let (health, decision) = try await monitor.wait(environment: name, identities: state.identities,
                                                                 timeout: environment.healthTimeout, progress: progress)
                changes.record(health)
                if case .failed(let reason) = decision { failure = reason }
            } else {
                changes.record(try await monitor.assess(environment: name, identities: state.identities))
            }
        } catch {
            failure = "assessing health failed: \(ClusterError.reason(of: error))"
        }
        changes.finishedAt = Date()

        var text = message ?? "\(operation.rawValue) to \(state.revision.prefix(7))"
        if let firstFailure = changes.entries(.failed).first?.message { text += "; failed: \(firstFailure)" }
        if let conflicts = Self.conflictSummary(state.diff) { text += "; \(conflicts)" }
        if let failure { text += "; \(failure)" }
        if !state.live.complete { text += "; nothing pruned: \(state.live.failures.joined(separator: "; "))" }
        var record = changes.historyRecord(time: Date(), message: text, rolledBackFrom: rolledBackFrom, rolledBackTo: rolledBackTo)
        if failure != nil {
            record.result = .failed
            if failure!.hasPrefix("Degraded") || changes.health?.status == .degraded { record.health = .degraded }
        }
        if !state.live.complete { record.result = .failed }
        do {
            record = try await historyStore.append(record, environment: name)
            ReconcileMetrics.recordOperation(environment: name, record.operation, result: record.result)
        } catch {
            throw ReconcileError.cluster("recording the history of \(name) failed: \(ClusterError.reason(of: error))")
        }
        progress.say("\(name): \(changes)")
        return (changes, record)
    }

}
