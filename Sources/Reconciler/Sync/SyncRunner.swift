import Foundation
import Manifests

/// Carries out a `SyncPlan`: apply steps in order (the objects of one step concurrently), then —
/// only when every apply succeeded — prune in reverse order, waiting until each pruned object is
/// gone. Failures end up in the `ChangeSet`, never half-hidden: a failed step stops the sync and
/// the objects after it are reported as not applied.
public struct SyncRunner: Sendable {
    public let cluster: any ClusterClient
    public var options: SyncOptions
    public var progress: SyncProgress
    /// Whose fields an adoption hands to mooring.
    public var transfer: FieldOwnershipTransfer
    /// Checked before each step and before pruning: when it answers a reason (the environment's
    /// Lease was lost), the sync stops there and reports the rest as not applied.
    public var interruption: @Sendable () async -> String?

    public init(cluster: any ClusterClient, options: SyncOptions = SyncOptions(), progress: SyncProgress = .silent,
                transfer: FieldOwnershipTransfer = FieldOwnershipTransfer(), interruption: @escaping @Sendable () async -> String? = { nil }) {
        self.cluster = cluster
        self.options = options
        self.progress = progress
        self.transfer = transfer
        self.interruption = interruption
    }

    /// - Parameters:
    ///   - plan: what to do.
    ///   - definitions: the revision's CRDs, whose Established condition custom resources wait for.
    ///   - waveGate: when given, the objects of a sync wave must be Healthy before the next wave
    ///     is applied (as Argo CD does); a wave that ends Degraded stops the sync.
    ///   - hooks: the operation's hooks and their runner: the Sync hooks of a wave run once its
    ///     objects are applied, and must succeed before the next wave (their results are in the
    ///     change set's `hooks`).
    public func run(_ plan: SyncPlan, operation: SyncOperation, definitions: [JSON] = [], waveGate: WaveGate? = nil,
                    hooks: (plan: HookPlan, runner: HookRunner)? = nil) async -> ChangeSet {
        var changes = ChangeSet(planned: plan, operation: operation, dryRun: false, startedAt: Date())
        let applier = ObjectApplier(cluster: cluster, options: options, transfer: transfer)
        var stopped: String?
        var interrupted: String?
        let hookWaves = hooks?.plan.waves(of: .sync) ?? []
        var previous: (wave: Int, applied: [ObjectIdentity])?
        for wave in Set(plan.applySteps.map(\.wave) + hookWaves.map(\.wave)).sorted() {
            if stopped == nil, let waveGate, let previous, !previous.applied.isEmpty {
                stopped = await waveGate.problem(after: previous.wave, applied: previous.applied, cluster: cluster, options: options, progress: progress)
            }
            if stopped == nil, let reason = await interruption() { stopped = reason; interrupted = reason }
            let steps = plan.applySteps.filter { $0.wave == wave }
            previous = (wave, steps.flatMap { $0.objects.map(\.identity) })
            for step in steps {
                if let stopped {
                    for object in step.objects { changes.markFailed(object.identity, message: "not applied: \(stopped)") }
                    continue
                }
                if let failure = await apply(step, applier: applier, definitions: definitions, into: &changes) {
                    stopped = stopped ?? failure
                }
            }
            if let hooks, let tasks = hookWaves.first(where: { $0.wave == wave })?.tasks {
                let results = await hooks.runner.run(wave: wave, tasks: tasks, operation: hooks.plan.operation, stoppedBecause: stopped)
                changes.hooks += results
                if stopped == nil, let failed = results.firstFailure() { stopped = "Sync hook \(failed.identity) \(failed.status.rawValue.lowercased())" }
            }
        }
        if stopped == nil, !plan.prune.isEmpty, let reason = await interruption() { stopped = reason; interrupted = reason }
        if stopped == nil {
            await prune(plan.prune, into: &changes)
        } else if !plan.prune.isEmpty {
            for object in plan.prune {
                if let index = changes.entries.firstIndex(where: { $0.identity == object.identity }) {
                    changes.entries[index].keep(because: interrupted.map(KeepReason.interrupted) ?? .applyFailed)
                }
            }
        }
        changes.finishedAt = Date()
        return changes
    }

    /// Applies one step's objects concurrently; the reason the sync stops, when one failed.
    private func apply(_ step: ApplyStep, applier: ObjectApplier, definitions: [JSON], into changes: inout ChangeSet) async -> String? {
        progress.say("applying wave \(step.wave) \(step.kind) (\(step.objects.count))")
        if step.isCustomResource {
            do {
                try await CustomResourceReadiness(cluster: cluster, timeout: options.definitionTimeout, pollInterval: options.pollInterval)
                    .waitUntilServed(step.kind, definitions: definitions)
            } catch {
                let message = "\(error)"
                for object in step.objects { changes.markFailed(object.identity, message: message) }
                return "\(step.kind) could not be applied"
            }
        }
        let outcomes = await BoundedConcurrency.map(step.objects, limit: options.concurrency) { object in
            if object.status == .outOfSync(.adopt), let live = object.live {
                return await applier.adopt(object.desired ?? [:], live: live, identity: object.identity)
            }
            return await applier.apply(object.desired ?? [:], identity: object.identity)
        }
        var failure: String?
        for (object, outcome) in zip(step.objects, outcomes) {
            if case .failed(let message) = outcome {
                changes.markFailed(object.identity, message: message)
                failure = failure ?? "an earlier object failed (\(object.identity))"
            }
        }
        return failure
    }

    /// Deletes in the given order (last applied kinds first): the objects of one kind together,
    /// each waited for until gone before the next kind starts.
    private func prune(_ objects: [ObjectDiff], into changes: inout ChangeSet) async {
        var groups: [[ObjectDiff]] = []
        for object in objects {
            if let last = groups.last?.last, last.identity.groupKind == object.identity.groupKind {
                groups[groups.count - 1].append(object)
            } else {
                groups.append([object])
            }
        }
        let cluster = self.cluster, timeout = options.deleteTimeout
        for group in groups {
            progress.say("pruning \(group[0].identity.groupKind) (\(group.count))")
            let failures = await BoundedConcurrency.map(group, limit: options.concurrency) { object -> String? in
                do {
                    // A Namespace's contents go by the namespace controller, not by ownerReferences:
                    // it is deleted in the background (as `kubectl delete namespace` does) and
                    // waited for until its contents are gone and it is too.
                    let propagation: DeletionPropagation = object.identity.groupKind == GroupKind(group: "", kind: "Namespace") ? .background : .foreground
                    try await cluster.delete(object.identity, propagation: propagation)
                    try await cluster.waitUntilGone(object.identity, timeout: timeout)
                    return nil
                } catch {
                    return "pruning failed: \(error)"
                }
            }
            for (object, failure) in zip(group, failures) {
                if let failure { changes.markFailed(object.identity, message: failure) }
            }
        }
    }
}
