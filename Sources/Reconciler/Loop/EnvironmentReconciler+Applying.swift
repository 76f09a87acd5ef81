import Foundation
import Manifests

/// Applying a read revision: the outcome of a pass that applied nothing, and the operation that
/// does (hooks, plan, health, history record, auto-rollback).
extension EnvironmentReconciler {
    /// An outcome that applied nothing: the diff and the health as found.
    func observed(_ state: ReadState, target: String, decision: ReconcileDecision, history: History,
                          headline: String?, remarks: [ReconcileRemark]) -> ReconcileOutcome {
        let health = EnvironmentHealth(identities: state.identities, live: state.live.byIdentity, checks: environment.healthChecks)
        var remarks = remarks
        if !state.live.complete { remarks.append(.pruneSkipped(state.live.failures)) }
        let message = ((headline.map { [$0] } ?? []) + remarks.map(\.description)).joined(separator: "; ")
        // The revision before this one: the latest record's predecessor when it is this revision.
        let previous = history.latest.flatMap { $0.revision == state.revision ? $0.previousRevision : $0.revision }
        return ReconcileOutcome(environment: name, targetRevision: target, revision: state.revision, decision: decision,
                                diff: state.diff, health: health, message: message, remarks: remarks,
                                rendered: state.rendered, commits: [state.revision: state.commit], previousRevision: previous)
    }

    /// Runs the plan, waits for health, records the operation, and rolls back on Degraded.
    func apply(_ state: ReadState, operation: SyncOperation, rollback: RollbackDetection?, target: String,
                       history: History) async throws -> ReconcileOutcome {
        progress.say("\(name): \(operation.rawValue) to \(state.revision.prefix(7)): \(state.plan.objectsToApply.count) to apply, \(state.plan.prune.count) to prune")
        progress.reached(.applying(environment: name, revision: state.revision, operation: operation))
        let run = try await execute(state, operation: operation, lead: rollback.map(ReconcileRemark.rollback),
                                    rolledBackFrom: rollback?.from, rolledBackTo: rollback?.to, history: history)
        var outcome = ReconcileOutcome(environment: name, targetRevision: target, revision: state.revision,
                                       decision: .apply(revision: state.revision, reason: .newRevision), diff: state.diff,
                                       changeSet: run.changes, rollback: rollback,
                                       health: run.changes.health ?? EnvironmentHealth(entries: []),
                                       message: run.record.message, remarks: run.remarks, rendered: state.rendered,
                                       commits: [state.revision: state.commit], record: run.record,
                                       previousRevision: run.record.previousRevision)
        if run.record.health == .degraded && environment.rollbackOnFailure && operation != .autoRollback {
            try await rollBack(from: state.revision, history: run.history, into: &outcome)
        }
        return outcome
    }

    /// What `execute` did: the change set, the record as stored, the remarks and the history after it.
    struct Execution: Sendable {
        var changes: ChangeSet
        var record: HistoryRecord
        var remarks: [ReconcileRemark]
        var history: History
    }

    /// PreSync hooks → plan (Sync hooks with their waves) → health → PostSync hooks → SyncFail
    /// hooks when anything failed → history record. `lead` opens the record's message when the
    /// operation is more than "<operation> to <revision>" (a rollback).
    func execute(_ state: ReadState, operation: SyncOperation, lead: ReconcileRemark?,
                 rolledBackFrom: String?, rolledBackTo: String?, history: History) async throws -> Execution {
        // Recorded before the first apply: if this process dies mid-sync, the next holder of
        // the Lease finds the Running record and reports the operation as interrupted.
        let before = history
        var history = history
        let running: HistoryRecord
        do {
            running = try await historyStore.append(
                HistoryRecord(revision: state.revision, time: Date(), operation: operation, result: .running, health: .progressing,
                              message: "\(operation.rawValue) to \(state.revision.prefix(7)) in progress",
                              rolledBackFrom: rolledBackFrom, rolledBackTo: rolledBackTo, pathTree: state.commit.pathTree),
                to: &history)
        } catch {
            throw ReconcileError.cluster("recording the history of \(name) failed: \(error)")
        }
        let lock = self.lock
        let interruption: @Sendable () async -> String? = { await lock?.interruption() }
        // The operation is the Running record just written: its hooks are numbered by it.
        let hooks = HookPlanner.plan(state.hooks, operation: OperationID(after: before, revision: state.revision))
        let hookRunner = HookRunner(cluster: cluster, environment: name, timeout: environment.effectiveHookTimeout, options: options,
                                    progress: progress, checks: environment.healthChecks, interruption: interruption)
        let runner = SyncRunner(cluster: cluster, options: options, progress: progress,
                                transfer: FieldOwnershipTransfer(adoptFrom: environment.adoptFrom), interruption: interruption)
        let started = Date()
        let namespaces = state.plan.applyingOnly(namespaces: Set(hooks.tasks.filter { $0.phase == .preSync }.compactMap(\.identity.namespace)))
        let prepared = namespaces.isEmpty ? nil : await runner.run(namespaces, operation: operation)
        let preSync = await hookRunner.run(.preSync, of: hooks)
        var changes: ChangeSet
        if let failed = preSync.firstFailure() {
            changes = ChangeSet(notAppliedAfter: failed, plan: state.plan, operation: operation, startedAt: started)
            changes.restore(prepared?.entries ?? [])
        } else {
            changes = await runner.run(state.plan, operation: operation, definitions: state.definitions,
                                       waveGate: WaveGate(environment: name, timeout: environment.healthTimeout, checks: environment.healthChecks),
                                       hooks: (hooks, hookRunner))
            changes.startedAt = started
        }
        changes.hooks = preSync + changes.hooks
        let monitor = HealthMonitor(cluster: cluster, pollInterval: options.healthPollInterval, checks: environment.healthChecks)
        var failure: HealthFailure?
        do {
            if changes.succeeded {
                let (health, decision) = try await monitor.wait(environment: name, identities: state.identities,
                                                                 timeout: environment.healthTimeout, progress: progress)
                changes.record(health)
                // `HealthWait` fails only when health ended Degraded or the wait ran out (also Degraded).
                if case .failed(let reason) = decision { failure = HealthFailure(status: .degraded, reason: reason) }
            } else {
                changes.record(try await monitor.assess(environment: name, identities: state.identities))
            }
        } catch {
            failure = HealthFailure(status: .unknown, reason: "assessing health failed: \(error)")
        }
        if changes.succeeded && failure == nil {
            let postSync = await hookRunner.run(.postSync, of: hooks)
            changes.hooks += postSync
            // A failed post-deploy test is a failed health check: the revision is Degraded.
            if let failed = postSync.firstFailure() {
                failure = HealthFailure(status: .degraded, reason: "PostSync hook \(failed.identity) \(failed.status.rawValue): \(failed.message)")
            }
        }
        if !changes.succeeded || failure != nil {
            changes.hooks += await hookRunner.run(.syncFail, of: hooks)
        }
        changes.finishedAt = Date()

        var remarks = lead.map { [$0] } ?? []
        let failedHook = changes.hooks.firstFailure(in: [.preSync, .sync, .postSync])
        if failedHook?.phase != .preSync, let firstFailure = changes.entries(.failed).first?.message { remarks.append(.objectFailed(firstFailure)) }
        remarks += ReconcileRemark.conflicts(in: state.diff)
        if let failedHook { remarks.append(.hookFailed(failedHook)) }
        if let failure, failedHook?.phase != .postSync { remarks.append(.healthFailed(failure)) }
        if !state.live.complete { remarks.append(.pruneSkipped(state.live.failures)) }
        let headline = lead == nil ? ["\(operation.rawValue) to \(state.revision.prefix(7))"] : []
        var record = changes.historyRecord(time: Date(), message: (headline + remarks.map(\.description)).joined(separator: "; "),
                                           rolledBackFrom: rolledBackFrom, rolledBackTo: rolledBackTo)
        record.pathTree = state.commit.pathTree
        record.requestedBy = requestedBy
        if let failure {
            record.result = .failed
            if failure.status == .degraded || changes.health?.status == .degraded { record.health = .degraded }
        }
        if !state.live.complete { record.result = .failed }
        record.id = running.id
        do {
            record = try await historyStore.complete(record, in: &history)
            ReconcileMetrics.recordOperation(environment: name, record.operation, result: record.result)
        } catch {
            throw ReconcileError.cluster("recording the history of \(name) failed: \(error)")
        }
        progress.say("\(name): \(changes)")
        return Execution(changes: changes, record: record, remarks: remarks, history: history)
    }
}
