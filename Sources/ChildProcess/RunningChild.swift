/// A started child process (a server, a `mooring run`): wait for it, or stop it.
///
/// Stopping sends SIGTERM to its process group and SIGKILL after the grace period, and returns
/// once the child has been reaped, so no test leaves a server or a zombie behind.
public final class RunningChild: Sendable {
    public let pid: Int32
    public let commandLine: String
    private let task: Task<ChildProcessResult, any Error>

    init(pid: Int32, commandLine: String, task: Task<ChildProcessResult, any Error>) {
        self.pid = pid
        self.commandLine = commandLine
        self.task = task
    }

    /// Waits for the child to exit by itself.
    public func wait() async throws -> ChildProcessResult {
        try await task.value
    }

    /// Stops the child (if it still runs) and returns how it ended.
    @discardableResult
    public func stop() async -> ChildProcessResult? {
        task.cancel()
        return try? await task.value
    }

    deinit {
        task.cancel()
    }
}
