#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A started child process (a server, a `mooring run`): wait for it, signal it, or stop it.
///
/// Stopping sends SIGTERM to its process group and SIGKILL after the grace period, and returns
/// once the child has been reaped, so no test leaves a server or a zombie behind.
public final class RunningChild: Sendable {
    public let pid: Int32
    public let commandLine: String
    private let task: Task<ChildProcessResult, any Error>
    private let life: ChildLife

    init(pid: Int32, commandLine: String, task: Task<ChildProcessResult, any Error>, life: ChildLife) {
        self.pid = pid
        self.commandLine = commandLine
        self.task = task
        self.life = life
    }

    /// Whether the child has exited and been reaped: its PID may then belong to someone else.
    public var hasEnded: Bool { life.hasEnded }

    /// Sends `signal` to the child (`toGroup`: to its process group, which is everything it
    /// started). Does nothing once the child has been reaped: with `pid_max` at 32768 and tests
    /// starting thousands of programs, a PID is handed out again within minutes, and a late kill
    /// would hit a stranger (another test's `git daemon`, say).
    public func send(_ signal: Int32, toGroup: Bool = false) {
        guard !life.hasEnded else { return }
        _ = kill(toGroup ? -pid : pid, signal)
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

/// Whether a started child has been reaped; set by the task that runs it.
final class ChildLife: Sendable {
    private let ended = Mutex(false)
    var hasEnded: Bool { ended.withLock { $0 } }
    func end() { ended.withLock { $0 = true } }
}
