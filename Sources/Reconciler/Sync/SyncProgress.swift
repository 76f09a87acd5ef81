/// Where a sync says what it is doing ("applying wave 0 Deployment.apps (2)", "waiting for
/// health"): the CLI prints it on a terminal, tests and the poller may ignore it.
public struct SyncProgress: Sendable {
    private let sink: @Sendable (String) -> Void

    public init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

    /// Says nothing.
    public static let silent = SyncProgress { _ in }

    public func say(_ line: String) { sink(line) }
}
