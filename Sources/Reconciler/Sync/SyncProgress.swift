/// Where a sync says what it is doing ("applying wave 0 Deployment.apps (2)", "waiting for
/// health"): the CLI prints it on a terminal, tests and the poller may ignore it. Listeners that
/// act on a sync while it runs (commit statuses turning `pending`) get typed `SyncMilestone`s.
public struct SyncProgress: Sendable {
    private let sink: @Sendable (String) -> Void
    private let milestones: @Sendable (SyncMilestone) -> Void

    public init(_ sink: @escaping @Sendable (String) -> Void,
                milestones: @escaping @Sendable (SyncMilestone) -> Void = { _ in }) {
        self.sink = sink
        self.milestones = milestones
    }

    /// Says nothing.
    public static let silent = SyncProgress { _ in }

    public func say(_ line: String) { sink(line) }

    public func reached(_ milestone: SyncMilestone) { milestones(milestone) }

    /// The same lines, with milestones also going to `listener` (which must return at once).
    public func forwarding(milestonesTo listener: @escaping @Sendable (SyncMilestone) -> Void) -> SyncProgress {
        let previous = milestones
        return SyncProgress(sink, milestones: { previous($0); listener($0) })
    }
}

/// A point in a sync that something outside the loop acts on.
public enum SyncMilestone: Sendable, Equatable {
    /// A revision is about to be applied (before the first object is sent).
    case applying(environment: String, revision: String, operation: SyncOperation)
}
