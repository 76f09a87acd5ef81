import Foundation
import Manifests

/// One operation on an environment, as kept in the cluster.
public struct HistoryRecord: Sendable, Equatable {
    /// Increasing per environment; orders records regardless of clocks.
    public var id: Int
    /// The commit applied.
    public var revision: String
    /// The commit that was applied before, if any.
    public var previousRevision: String?
    public var time: Date
    public var operation: SyncOperation
    public var result: OperationResult
    public var health: HealthStatus
    public var created: ObjectTally
    public var configured: ObjectTally
    public var pruned: ObjectTally
    public var message: String
    /// For rollbacks: the bad or reverted commit…
    public var rolledBackFrom: String?
    /// …and the commit whose state was restored.
    public var rolledBackTo: String?
    /// The id of the environment folder's tree at `revision`: rollback detection compares trees
    /// without reading git again. `nil` in records written before it was kept.
    public var pathTree: String?
    /// The operation's hooks: phase, object, result, duration, why they failed.
    public var hooks: [HookResult]

    public init(
        id: Int = 0, revision: String, previousRevision: String? = nil, time: Date, operation: SyncOperation,
        result: OperationResult, health: HealthStatus, created: ObjectTally = ObjectTally(),
        configured: ObjectTally = ObjectTally(), pruned: ObjectTally = ObjectTally(), message: String = "",
        rolledBackFrom: String? = nil, rolledBackTo: String? = nil, pathTree: String? = nil, hooks: [HookResult] = []
    ) {
        self.id = id
        self.revision = revision
        self.previousRevision = previousRevision
        self.time = time
        self.operation = operation
        self.result = result
        self.health = health
        self.created = created
        self.configured = configured
        self.pruned = pruned
        self.message = message
        self.rolledBackFrom = rolledBackFrom
        self.rolledBackTo = rolledBackTo
        self.pathTree = pathTree
        self.hooks = hooks
    }
}

/// How many objects an operation touched and which (the first `nameLimit`, so a record of a
/// thousand-object sync still fits in a ConfigMap).
public struct ObjectTally: Sendable, Equatable {
    public static let nameLimit = 20

    public var count: Int
    /// `Deployment.apps web/django` descriptions.
    public var names: [String]

    public init(count: Int = 0, names: [String] = []) {
        self.count = count
        self.names = names
    }

    public init(_ identities: [ObjectIdentity]) {
        count = identities.count
        names = identities.prefix(ObjectTally.nameLimit).map(\.description)
    }
}
