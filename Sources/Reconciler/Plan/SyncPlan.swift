import Manifests

/// What a sync will do, in order: apply steps (each a sync wave and kind, its objects applied
/// concurrently), then prunes in reverse order. Objects already in sync are in no step.
public struct SyncPlan: Sendable, CustomStringConvertible {
    public var environment: String
    public var revision: String
    public var applySteps: [ApplyStep]
    /// Objects to delete, in the order to delete them (last applied kinds first).
    public var prune: [ObjectDiff]
    /// Tracked objects the revision lacks that are kept, and why.
    public var kept: [KeptObject]
    /// Set when pruning is off as a whole for this sync.
    public var pruneBlocked: PruneBlock?
    public var unchanged: [ObjectIdentity]
    /// Declared objects this environment may not change: neither applied nor pruned.
    public var conflicts: [ObjectDiff] = []

    /// Nothing to apply and nothing to prune.
    public var isEmpty: Bool { applySteps.isEmpty && prune.isEmpty }
    public var objectsToApply: [ObjectDiff] { applySteps.flatMap(\.objects) }

    public var description: String {
        var lines = ["sync \(environment) to \(revision.prefix(7)):"]
        for step in applySteps {
            lines.append("  wave \(step.wave) \(step.kind): " + step.objects.map { $0.identity.description }.joined(separator: ", "))
        }
        for object in prune { lines.append("  prune \(object.identity)") }
        for kept in kept { lines.append("  keep \(kept.identity): \(kept.reason)") }
        for conflict in conflicts { lines.append("  conflict \(conflict)") }
        if let pruneBlocked { lines.append("  no prune: \(pruneBlocked)") }
        return lines.joined(separator: "\n")
    }
}

/// One group of objects of one kind in one sync wave, applied concurrently.
public struct ApplyStep: Sendable {
    public var wave: Int
    public var kind: GroupKind
    /// Position in `KindOrder`.
    public var kindRank: Int
    /// Custom resources wait for their CRD to be Established before they are applied.
    public var isCustomResource: Bool
    /// Sorted by namespace and name.
    public var objects: [ObjectDiff]
}

/// A tracked object the revision no longer has, but that is not deleted.
public struct KeptObject: Sendable, Equatable {
    public var identity: ObjectIdentity
    public var reason: KeepReason
    /// For a Namespace kept because of what it holds: the objects that block its prune.
    public var holds: [ObjectIdentity] = []
}

/// Why an object that would be pruned stays.
public enum KeepReason: Sendable, Hashable, CustomStringConvertible {
    /// It is annotated `mooring.dev/prune: "false"`.
    case annotated
    /// Pruning is off for this sync as a whole.
    case pruneBlocked(PruneBlock)
    /// A Namespace that holds objects this environment does not track or still declares (why, in words).
    case namespaceHolds(String)
    /// An apply step failed, and prunes only follow a complete apply.
    case applyFailed
    /// The sync stopped before its prunes (the environment's Lease was lost: why).
    case interrupted(String)

    /// Whether the object staying leaves the environment short of its revision (not a choice
    /// the configuration made, like an annotation or `prune: false`).
    public var leavesEnvironmentOutOfSync: Bool {
        switch self {
        case .annotated, .pruneBlocked: return false
        case .namespaceHolds, .applyFailed, .interrupted: return true
        }
    }

    public var description: String {
        switch self {
        case .annotated: return "annotated \(Tracking.pruneAnnotation): \"false\""
        case .pruneBlocked(let block): return block.description
        case .namespaceHolds(let reason): return reason
        case .applyFailed: return "not pruned: the apply failed"
        case .interrupted(let reason): return "not pruned: \(reason)"
        }
    }
}

/// Why nothing is pruned in this sync.
public enum PruneBlock: Sendable, Hashable, CustomStringConvertible {
    /// The environment's `prune` is false.
    case disabled
    /// The revision has no objects and `allowEmpty` is false.
    case emptyRevision
    /// A LIST failed or returned partial results: the full picture of what exists is unknown.
    case incompleteListing

    public var description: String {
        switch self {
        case .disabled: return "prune is off for this environment"
        case .emptyRevision: return "the revision has no objects; set allowEmpty: true to prune everything"
        case .incompleteListing: return "listing live objects failed or was partial"
        }
    }
}

extension SyncPlan {
    /// Only the Namespaces among `names` this plan creates or configures: what PreSync hooks
    /// need before anything else is applied (a hook cannot be created in a namespace that does
    /// not exist yet). Nothing to prune.
    public func applyingOnly(namespaces names: Set<String>) -> SyncPlan {
        let namespace = GroupKind(group: "", kind: "Namespace")
        var plan = self
        plan.applySteps = applySteps.compactMap { step in
            guard step.kind == namespace else { return nil }
            var step = step
            step.objects = step.objects.filter { names.contains($0.identity.name) }
            return step.objects.isEmpty ? nil : step
        }
        plan.prune = []
        plan.kept = []
        plan.unchanged = []
        plan.conflicts = []
        plan.pruneBlocked = nil
        return plan
    }
}
