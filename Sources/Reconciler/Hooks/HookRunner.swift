import Foundation
import Manifests

/// Runs the hooks of one phase of an operation: wave by wave (lowest first), the hooks of a wave
/// concurrently; each is created fresh, waited for until it finishes or `timeout` passes, then
/// deleted if its delete policy says so. A wave with a failed hook ends the phase: later waves
/// are reported as not run.
///
/// Creating a hook: an instance this operation already created for this phase (a reconciler
/// restarted mid-operation) is waited for, not started again. Any other live object of that name
/// (an earlier operation's) is deleted first and waited for until gone — a Job's template is
/// immutable, so a fixed-name hook is recreated, never patched. With `BeforeHookCreation` the
/// earlier instances of a `generateName` hook go too. The object is created by server-side apply
/// (field manager `mooring`, strict field validation), like every object mooring applies.
public struct HookRunner: Sendable {
    public let cluster: any ClusterClient
    public var environment: String
    /// `hookTimeout`: how long one hook may run.
    public var timeout: Duration
    public var options: SyncOptions
    public var progress: SyncProgress
    public var checks: HealthChecks
    /// Checked before each wave: a reason (the Lease was lost) stops the phase there.
    public var interruption: @Sendable () async -> String?

    public init(cluster: any ClusterClient, environment: String, timeout: Duration, options: SyncOptions = SyncOptions(),
                progress: SyncProgress = .silent, checks: HealthChecks = .builtIn,
                interruption: @escaping @Sendable () async -> String? = { nil }) {
        self.cluster = cluster
        self.environment = environment
        self.timeout = timeout
        self.options = options
        self.progress = progress
        self.checks = checks
        self.interruption = interruption
    }

    /// Runs `phase` of `plan`; the results in plan order.
    public func run(_ phase: HookPhase, of plan: HookPlan) async -> [HookResult] {
        var results: [HookResult] = []
        for (wave, tasks) in plan.waves(of: phase) {
            let earlier = results.firstFailure().map { "an earlier hook failed (\($0.identity))" }
            results += await run(wave: wave, tasks: tasks, operation: plan.operation, stoppedBecause: earlier)
        }
        return results
    }

    /// Runs the hooks of one wave (of any phase), or reports them not run when the operation
    /// already stopped (`stoppedBecause`: an earlier failure) or the Lease is lost.
    func run(wave: Int, tasks: [HookTask], operation: OperationID, stoppedBecause stopped: String?) async -> [HookResult] {
        var reason = stopped
        if reason == nil { reason = await interruption() }
        if let reason {
            return tasks.map { HookResult(phase: $0.phase, identity: $0.identity, status: .notRun, message: reason,
                                          startedAt: Date(), finishedAt: Date()) }
        }
        progress.say("\(environment): running \(tasks[0].phase) hooks of wave \(wave) (\(tasks.count))")
        return await BoundedConcurrency.map(tasks, limit: options.concurrency) { task in await self.run(task, operation: operation) }
    }

    private func run(_ task: HookTask, operation: OperationID) async -> HookResult {
        let started = Date()
        func result(_ status: HookResult.Status, _ message: String) -> HookResult {
            HookResult(phase: task.phase, identity: task.identity, status: status, message: message, startedAt: started, finishedAt: Date())
        }
        do {
            let existing = try await cluster.get(task.identity)
            let resumed = existing.map { Self.belongs($0, to: operation, phase: task.phase) } ?? false
            if resumed {
                progress.say("\(environment): \(task.phase) hook \(task.identity) of this operation found: waiting for it")
            } else {
                if existing != nil { try await remove(task.identity) }
                if task.deletePolicies.contains(.beforeHookCreation) { try await removeEarlierInstances(of: task, operation: operation) }
                _ = try await cluster.apply(task.object, fieldManager: Tracking.fieldManager, force: true, dryRun: false)
            }
        } catch {
            return result(.failed, "creating the hook failed: \(error)")
        }
        var finished = await waitUntilFinished(task)
        let deleteIt = (finished.status == .succeeded && task.deletePolicies.contains(.hookSucceeded))
            || (finished.status.isFailure && task.deletePolicies.contains(.hookFailed))
        if deleteIt {
            do {
                try await cluster.delete(task.identity, propagation: .background)
                finished.deleted = true
            } catch {
                finished.message += "; deleting it after it ended failed: \(error)"
            }
        }
        finished.startedAt = started
        finished.finishedAt = Date()
        progress.say("\(environment): \(finished)")
        return finished
    }

    /// Polls the hook until `HookCompletion` says it finished, or `timeout` passes.
    private func waitUntilFinished(_ task: HookTask) async -> HookResult {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = "not seen yet"
        while true {
            do {
                guard let live = try await cluster.get(task.identity) else {
                    return Self.ended(task, .failed, "the hook object disappeared before it finished")
                }
                switch HookCompletion.of(live, checks: checks) {
                case .succeeded(let message): return Self.ended(task, .succeeded, message)
                case .failed(let message): return Self.ended(task, .failed, message)
                case .running(let message): last = message
                }
            } catch {
                last = "reading it failed: \(error)"
            }
            if clock.now >= deadline {
                return Self.ended(task, .timedOut, "did not finish within hookTimeout \(timeout) (last: \(last))")
            }
            try? await Task.sleep(for: options.healthPollInterval)
        }
    }

    private static func ended(_ task: HookTask, _ status: HookResult.Status, _ message: String) -> HookResult {
        HookResult(phase: task.phase, identity: task.identity, status: status, message: message, startedAt: Date(), finishedAt: Date())
    }

    /// Whether a live object is the instance this operation created for this phase.
    static func belongs(_ live: JSON, to operation: OperationID, phase: HookPhase) -> Bool {
        live[path: ["metadata", "labels", HookPlanner.operationLabel]]?.stringValue == operation.description
            && live[path: ["metadata", "annotations", HookPlanner.phaseAnnotation]]?.stringValue == phase.rawValue
    }

    /// Deletes the object (its Pods with it, in the background) and waits until it is gone.
    private func remove(_ identity: ObjectIdentity) async throws {
        try await cluster.delete(identity, propagation: .background)
        try await cluster.waitUntilGone(identity, timeout: options.deleteTimeout)
    }

    /// `BeforeHookCreation`: earlier operations' instances of the hook (same kind, namespace and
    /// written name or prefix) in this environment.
    private func removeEarlierInstances(of task: HookTask, operation: OperationID) async throws {
        guard let type = try await cluster.servedType(task.identity.groupKind) else { return }
        for live in try await cluster.list(type, labelSelector: Tracking.labelSelector(environment: environment)) {
            guard HookPlanner.isHook(live), let identity = ObjectIdentity(of: live), identity != task.identity,
                  identity.namespace == task.identity.namespace,
                  live[path: ["metadata", "annotations", HookPlanner.nameAnnotation]]?.stringValue == task.key,
                  live[path: ["metadata", "labels", HookPlanner.operationLabel]]?.stringValue != operation.description
            else { continue }
            try await remove(identity)
        }
    }
}
