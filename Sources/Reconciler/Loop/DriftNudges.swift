import Synchronization

/// Environments whose tracked objects changed in the cluster (the live cache saw it), waiting
/// for the poller to reconcile them before their next poll. Many changes to one environment
/// while it waits are one reconcile.
public final class DriftNudges: Sendable {
    private struct State {
        var pending: Set<String> = []
        /// The bell of each environment sleeping now, rung by its nudge.
        var sleepers: [String: Wakeup] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func nudge(_ environment: String) {
        let sleeper = state.withLock { state -> Wakeup? in
            state.pending.insert(environment)
            return state.sleepers[environment]
        }
        sleeper?.ring()
    }

    /// Takes `environment` if it waits; whether it did.
    public func take(_ environment: String) -> Bool { state.withLock { $0.pending.remove(environment) != nil } }

    /// Sleeps `duration`, or until stopped or `environment` is nudged.
    public func sleep(for duration: Duration, stop: StopSignal, environment: String) async {
        let bell = Wakeup()
        let nudged = state.withLock { state -> Bool in
            if !state.pending.contains(environment) { state.sleepers[environment] = bell }
            return state.pending.contains(environment)
        }
        guard !nudged else { return }
        await stop.sleep(for: duration, or: bell)
        state.withLock { state in
            if state.sleepers[environment] === bell { state.sleepers[environment] = nil }
        }
    }
}
