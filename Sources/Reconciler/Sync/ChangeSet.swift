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
        entries += plan.kept.map { ChangeSetEntry(identity: $0.identity, action: .kept, message: $0.reason, holds: $0.holds) }
        self.init(environment: plan.environment, revision: plan.revision, operation: operation, dryRun: dryRun,
                  entries: entries, startedAt: startedAt)
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

    /// Nothing failed (health aside).
    public var succeeded: Bool { !entries.contains { $0.action == .failed } }

    /// Whether anything was (or would be) created, configured, adopted or pruned.
    public var hasChanges: Bool { entries.contains { [.created, .configured, .adopted, .pruned].contains($0.action) } }

    /// Declared objects left alone because they are not this environment's to change.
    public var conflicts: [ChangeSetEntry] { entries(.conflict) }

    /// The history record of this change set.
    public func historyRecord(time: Date, message: String, rolledBackFrom: String? = nil, rolledBackTo: String? = nil) -> HistoryRecord {
        let healthy = health?.status ?? .unknown
        return HistoryRecord(
            revision: revision, time: time, operation: operation,
            result: succeeded && healthy != .degraded ? .succeeded : .failed, health: healthy,
            created: ObjectTally(entries(.created).map(\.identity)),
            configured: ObjectTally((entries(.configured) + entries(.adopted)).map(\.identity)),
            pruned: ObjectTally(entries(.pruned).map(\.identity)),
            message: message, rolledBackFrom: rolledBackFrom, rolledBackTo: rolledBackTo)
    }

    /// `develop @ 1a2b3c4: 1 created, 2 configured, 0 pruned, 1 failed, 10 unchanged; Healthy`
    public var description: String {
        var text = "\(environment) @ \(revision.prefix(7))\(dryRun ? " (dry run)" : ""): "
        text += "\(count(.created)) created, \(count(.configured)) configured, \(count(.pruned)) pruned, "
        if count(.adopted) > 0 { text += "\(count(.adopted)) adopted, " }
        text += "\(count(.failed)) failed, \(count(.unchanged)) unchanged"
        if count(.conflict) > 0 { text += ", \(count(.conflict)) in conflict" }
        if let health { text += "; \(health.status)" }
        return text
    }
}
