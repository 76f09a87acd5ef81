import Foundation
import Manifests

/// What happened to one object in a sync.
public enum ChangeAction: String, Sendable, Hashable, CaseIterable {
    case created = "Created"
    case configured = "Configured"
    /// Existed without mooring's tracking and was taken over (`adopt`).
    case adopted = "Adopted"
    case unchanged = "Unchanged"
    case pruned = "Pruned"
    /// Rejected by the API server or not attempted because an earlier step failed.
    case failed = "Failed"
    /// Left in place on purpose (e.g. `mooring.dev/prune: "false"`, prune off).
    case kept = "Kept"
    /// Declared, but not this environment's to change (not adopted, or owned elsewhere): left alone.
    case conflict = "Conflict"
}

/// One object's line in a change set: what was done, the field changes, why it failed or was kept,
/// and its health after the sync.
public struct ChangeSetEntry: Sendable, Hashable, CustomStringConvertible {
    public var identity: ObjectIdentity
    public var action: ChangeAction
    /// Masked field changes (empty for created, pruned and unchanged objects).
    public var changes: [FieldChange]
    /// The error for `failed`, the reason for `kept` and `conflict`, what a pruned Namespace
    /// deletes with it.
    public var message: String?
    /// Why a `kept` object stays (its `message` says it in words).
    public var keepReason: KeepReason?
    public var health: HealthAssessment?
    /// For a kept Namespace: the objects it holds that block its prune.
    public var holds: [ObjectIdentity]
    /// Why the object is not this environment's, for `conflict`.
    public var conflict: OwnershipConflict?

    public init(identity: ObjectIdentity, action: ChangeAction, changes: [FieldChange] = [], message: String? = nil,
                health: HealthAssessment? = nil, holds: [ObjectIdentity] = [], conflict: OwnershipConflict? = nil) {
        self.identity = identity
        self.action = action
        self.changes = changes
        self.message = message
        self.health = health
        self.holds = holds
        self.conflict = conflict
    }

    /// A `kept` entry (`holds`: what blocks a Namespace's prune).
    public init(kept identity: ObjectIdentity, because reason: KeepReason, holds: [ObjectIdentity] = []) {
        self.init(identity: identity, action: .kept, message: reason.description, holds: holds)
        keepReason = reason
    }

    /// Turns a planned entry into a `kept` one.
    public mutating func keep(because reason: KeepReason) {
        action = .kept
        message = reason.description
        keepReason = reason
    }

    /// `Deployment.apps web/django Configured`, like `kubectl apply`'s and Flux's lines.
    public var description: String {
        var text = "\(identity) \(action.rawValue)"
        if let message { text += ": \(message)" }
        return text
    }
}

/// The result of a sync that reports render directly — created, configured, unchanged, pruned,
/// failed and kept objects in plan order, plus the environment's health — without re-deriving
/// anything.
public struct ChangeSet: Sendable, CustomStringConvertible {
    public var environment: String
    public var revision: String
    public var operation: SyncOperation
    /// `true` when nothing was applied (`mooring sync --dry-run`, `mooring diff`).
    public var dryRun: Bool
    public var entries: [ChangeSetEntry]
    /// `nil` until health has been assessed (and always for a dry run).
    public var health: EnvironmentHealth?
    /// The operation's hooks in the order they ran (PreSync, Sync by wave, PostSync, SyncFail).
    public var hooks: [HookResult] = []
    public var startedAt: Date
    public var finishedAt: Date?

    public init(environment: String, revision: String, operation: SyncOperation = .sync, dryRun: Bool = false,
                entries: [ChangeSetEntry] = [], health: EnvironmentHealth? = nil, startedAt: Date, finishedAt: Date? = nil) {
        self.environment = environment
        self.revision = revision
        self.operation = operation
        self.dryRun = dryRun
        self.entries = entries
        self.health = health
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    /// The change set a plan would produce if every step succeeded: what `--dry-run` reports,
    /// and the starting point the loop updates as it applies.
    public init(planned plan: SyncPlan, operation: SyncOperation = .sync, dryRun: Bool, startedAt: Date) {
        var entries: [ChangeSetEntry] = []
        for object in plan.objectsToApply {
            let action: ChangeAction = switch object.status {
            case .outOfSync(.create): .created
            case .outOfSync(.adopt): .adopted
            default: .configured
            }
            entries.append(ChangeSetEntry(identity: object.identity, action: action, changes: object.changes))
        }
        entries += plan.conflicts.map {
            ChangeSetEntry(identity: $0.identity, action: .conflict, message: $0.conflict?.reasonText, conflict: $0.conflict)
        }
        entries += plan.unchanged.map { ChangeSetEntry(identity: $0, action: .unchanged) }
        entries += plan.prune.map { object in
            let cascade = object.contents?.deletedWithIt ?? []
            return ChangeSetEntry(identity: object.identity, action: .pruned,
                                  message: cascade.isEmpty ? nil : "deletes with it: " + cascade.map(\.description).joined(separator: ", "))
        }
        entries += plan.kept.map { ChangeSetEntry(kept: $0.identity, because: $0.reason, holds: $0.holds) }
        self.init(environment: plan.environment, revision: plan.revision, operation: operation, dryRun: dryRun,
                  entries: entries, startedAt: startedAt)
    }

    /// A PreSync hook failed: nothing of the plan is applied or pruned.
    public init(notAppliedAfter hook: HookResult, plan: SyncPlan, operation: SyncOperation, startedAt: Date) {
        self.init(planned: plan, operation: operation, dryRun: false, startedAt: startedAt)
        for object in plan.objectsToApply { markFailed(object.identity, message: "not applied: PreSync hook \(hook.identity) \(hook.status.rawValue.lowercased())") }
        for index in entries.indices where entries[index].action == .pruned { entries[index].keep(because: .applyFailed) }
    }

    /// Puts back entries of an earlier run (the Namespaces applied before the PreSync hooks).
    public mutating func restore(_ earlier: [ChangeSetEntry]) {
        for entry in earlier {
            if let index = entries.firstIndex(where: { $0.identity == entry.identity }) { entries[index] = entry }
        }
    }

    public func entries(_ action: ChangeAction) -> [ChangeSetEntry] { entries.filter { $0.action == action } }
    public func count(_ action: ChangeAction) -> Int { entries.lazy.filter { $0.action == action }.count }

    /// Marks one object as failed with the API server's message (e.g. an immutable field).
    public mutating func markFailed(_ identity: ObjectIdentity, message: String) {
        if let index = entries.firstIndex(where: { $0.identity == identity }) {
            entries[index].action = .failed
            entries[index].message = message
        } else {
            entries.append(ChangeSetEntry(identity: identity, action: .failed, message: message))
        }
    }

    /// Attaches the health assessment, per object and for the environment.
    public mutating func record(_ health: EnvironmentHealth) {
        self.health = health
        let byIdentity = Dictionary(health.entries.map { ($0.identity, $0.health) }, uniquingKeysWith: { a, _ in a })
        for index in entries.indices { entries[index].health = byIdentity[entries[index].identity] ?? entries[index].health }
    }

    /// Nothing failed (health aside): no object, and no PreSync or Sync hook. A failed PostSync
    /// hook counts as health (the revision is Degraded); a SyncFail hook only runs after a failure.
    public var succeeded: Bool {
        !entries.contains { $0.action == .failed } && hooks.firstFailure(in: [.preSync, .sync]) == nil
    }

    /// The environment's health as the operation judges it: Degraded when a PostSync hook (a
    /// post-deploy test) failed, whatever the objects say; else the assessment's.
    public var operationHealth: HealthStatus? {
        hooks.firstFailure(in: [.postSync]) != nil ? .degraded : health?.status
    }

    /// Whether anything was (or would be) created, configured, adopted or pruned.
    public var hasChanges: Bool { entries.contains { [.created, .configured, .adopted, .pruned].contains($0.action) } }

    /// Declared objects left alone because they are not this environment's to change.
    public var conflicts: [ChangeSetEntry] { entries(.conflict) }

    /// The history record of this change set.
    public func historyRecord(time: Date, message: String, rolledBackFrom: String? = nil, rolledBackTo: String? = nil) -> HistoryRecord {
        let healthy = operationHealth ?? .unknown
        return HistoryRecord(
            revision: revision, time: time, operation: operation,
            result: succeeded && healthy != .degraded ? .succeeded : .failed, health: healthy,
            created: ObjectTally(entries(.created).map(\.identity)),
            configured: ObjectTally((entries(.configured) + entries(.adopted)).map(\.identity)),
            pruned: ObjectTally(entries(.pruned).map(\.identity)),
            message: message, rolledBackFrom: rolledBackFrom, rolledBackTo: rolledBackTo, hooks: hooks)
    }

    /// `develop @ 1a2b3c4: 1 created, 2 configured, 0 pruned, 1 failed, 10 unchanged; Healthy`
    public var description: String {
        var text = "\(environment) @ \(revision.prefix(7))\(dryRun ? " (dry run)" : ""): "
        text += "\(count(.created)) created, \(count(.configured)) configured, \(count(.pruned)) pruned, "
        if count(.adopted) > 0 { text += "\(count(.adopted)) adopted, " }
        text += "\(count(.failed)) failed, \(count(.unchanged)) unchanged"
        if count(.conflict) > 0 { text += ", \(count(.conflict)) in conflict" }
        if !hooks.isEmpty {
            let failed = hooks.filter(\.status.isFailure).count
            text += ", \(hooks.count) hook\(hooks.count == 1 ? "" : "s")\(failed > 0 ? " (\(failed) failed)" : "")"
        }
        if let health { text += "; \(health.status)" }
        return text
    }
}
