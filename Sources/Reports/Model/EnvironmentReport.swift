import Reconciler

/// One environment's part of a report: which revision, why, what happens to each object, how
/// healthy it is, and the policy notes.
public struct EnvironmentReport: Sendable {
    public var environment: String
    public var revision: String
    /// The revision that was deployed before, when known.
    public var previousRevision: String?
    public var commit: CommitInfo?
    public var context: ReportContext?
    /// The sync operation, `nil` for a diff (nothing applied).
    public var operation: SyncOperation?
    /// `true` when the actions were carried out, `false` when they are a preview.
    public var applied: Bool
    /// `true` when a reconcile looked and had nothing to apply (`run` finding the environment
    /// in sync, or drift it leaves alone): not a preview of something that could be applied.
    public var observed = false
    /// Most important first (create, configure, prune, drifted, failed, kept, unchanged), each
    /// group in the order given (plan order for a sync).
    public private(set) var objects: [ObjectReport]
    /// The environment's health after a sync, `nil` when not assessed.
    public var health: HealthStatus?
    public var notes: [PolicyNote]
    /// Anything else the reader must know (prune blocked, history incomplete, …).
    public var remarks: [String]
    /// The operation's sync hooks in the order they ran: phase, object, result, duration, why.
    public var hooks: [HookResult] = []

    public init(environment: String, revision: String, previousRevision: String? = nil, commit: CommitInfo? = nil,
                context: ReportContext? = nil, operation: SyncOperation? = nil, applied: Bool = false,
                objects: [ObjectReport], health: HealthStatus? = nil, notes: [PolicyNote] = [], remarks: [String] = []) {
        self.environment = environment
        self.revision = revision
        self.previousRevision = previousRevision
        self.commit = commit
        self.context = context
        self.operation = operation
        self.applied = applied
        self.objects = objects.enumerated()
            .sorted { ($0.element.action.rank, $0.offset) < ($1.element.action.rank, $1.offset) }
            .map(\.element)
        self.health = health
        self.notes = notes
        self.remarks = remarks
    }

    public func count(_ action: ObjectAction) -> Int { objects.lazy.filter { $0.action == action }.count }

    /// Whether anything differs (or was changed), failed or is in conflict.
    public var hasChanges: Bool { objects.contains { $0.action.isChange || $0.action.isProblem } }

    /// The counts of the actions that occur, most important first: `[(create, 2), (unchanged, 5)]`.
    public var tally: [(action: ObjectAction, count: Int)] {
        ObjectAction.allCases.compactMap { action in
            let count = count(action)
            return count == 0 ? nil : (action, count)
        }
    }

    /// `2 to create, 1 to configure, 5 unchanged`, `2 created, 5 unchanged` or `No changes (…)`.
    public var summaryLine: String {
        guard hasChanges || count(.kept) > 0 else {
            return objects.isEmpty ? "No changes (no objects)" : "No changes (\(objects.count) objects in sync)"
        }
        return tally.map { $0.action.counted($0.count, applied: applied) }.joined(separator: ", ")
    }
}
