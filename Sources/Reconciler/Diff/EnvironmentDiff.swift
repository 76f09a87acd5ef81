import Manifests

/// Every object of an environment against one revision: what is in sync and what must change.
public struct EnvironmentDiff: Sendable, CustomStringConvertible {
    public var environment: String
    public var revision: String
    /// Desired objects in the order given, then prune candidates sorted by identity.
    public var objects: [ObjectDiff]

    public init(environment: String, revision: String, objects: [ObjectDiff]) {
        self.environment = environment
        self.revision = revision
        self.objects = objects
    }

    /// Synced only when no object needs to change.
    public var isSynced: Bool { objects.allSatisfy { $0.status.isSynced } }
    public var outOfSync: [ObjectDiff] { objects.filter { !$0.status.isSynced } }
    public var toCreate: [ObjectDiff] { objects.filter { $0.status == .outOfSync(.create) } }
    public var toConfigure: [ObjectDiff] { objects.filter { $0.status == .outOfSync(.configure) } }
    public var toPrune: [ObjectDiff] { objects.filter { $0.status == .prune } }
    public var toAdopt: [ObjectDiff] { objects.filter { $0.status == .outOfSync(.adopt) } }
    /// Declared objects this environment may not change (not adopted, or owned elsewhere).
    public var conflicts: [ObjectDiff] { objects.filter { $0.status == .conflict } }
    /// The objects whose differences the IO layer must confirm with a server-side dry-run.
    public var needingDryRun: [ObjectDiff] { objects.filter(\.needsDryRunConfirmation) }

    public func object(_ identity: ObjectIdentity) -> ObjectDiff? { objects.first { $0.identity == identity } }

    /// `develop @ 1a2b3c4: 2 to create, 1 to configure, 0 to prune, 10 synced`
    public var description: String {
        let synced = objects.filter { $0.status.isSynced }.count
        var text = "\(environment) @ \(revision.prefix(7)): \(toCreate.count) to create, \(toConfigure.count) to configure, "
        if !toAdopt.isEmpty { text += "\(toAdopt.count) to adopt, " }
        text += "\(toPrune.count) to prune, \(synced) synced"
        if !conflicts.isEmpty { text += ", \(conflicts.count) in conflict" }
        return text
    }
}
