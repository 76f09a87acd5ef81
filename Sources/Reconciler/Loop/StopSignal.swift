import Synchronization

/// Set when the poller should stop (SIGINT/SIGTERM): the current apply finishes, no new poll
/// starts. Sleepers are woken by `stop()` itself, so waiting costs nothing while idle.
public final class StopSignal: Sendable {
    private struct State {
        var stopped = false
        /// The bells of those sleeping now, rung by `stop()`.
        var sleepers: [ObjectIdentifier: Wakeup] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var isStopped: Bool { state.withLock { $0.stopped } }

    public func stop() {
        let sleepers = state.withLock { state -> [Wakeup] in
            state.stopped = true
            return Array(state.sleepers.values)
        }
        for bell in sleepers { bell.ring() }
    }

    /// Suspends until stopped.
    public func wait() async {
        while !isStopped && !Task.isCancelled { await sleep(for: .seconds(3600)) }
    }

    /// Sleeps `duration`, or until stopped or `bell` rings, whichever comes first.
    public func sleep(for duration: Duration, or bell: Wakeup = Wakeup()) async {
        let id = ObjectIdentifier(bell)
        let stopped = state.withLock { state -> Bool in
            if !state.stopped { state.sleepers[id] = bell }
            return state.stopped
        }
        guard !stopped else { return }
        await bell.wait(timeout: duration)
        state.withLock { _ = $0.sleepers.removeValue(forKey: id) }
    }
}
