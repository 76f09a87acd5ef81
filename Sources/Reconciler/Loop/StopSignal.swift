import Synchronization

/// Set when the poller should stop (SIGINT/SIGTERM): the current apply finishes, no new poll starts.
public final class StopSignal: Sendable {
    private let stopped = Mutex(false)

    public init() {}

    public var isStopped: Bool { stopped.withLock { $0 } }
    public func stop() { stopped.withLock { $0 = true } }

    /// Suspends until stopped.
    public func wait() async {
        while !isStopped { try? await Task.sleep(for: .milliseconds(100)) }
    }

    /// Sleeps `duration` or until stopped, whichever comes first.
    public func sleep(for duration: Duration) async {
        let clock = ContinuousClock()
        let end = clock.now + duration
        while !isStopped && clock.now < end {
            let step = min(end - clock.now, .milliseconds(100))
            try? await Task.sleep(for: step)
        }
    }
}
