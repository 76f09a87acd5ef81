import Synchronization

/// Environments whose tracked objects changed in the cluster (the live cache saw it), waiting
/// for the poller to reconcile them before their next poll. Many changes to one environment
/// while it waits are one reconcile.
public final class DriftNudges: Sendable {
    private let pending = Mutex<Set<String>>([])

    public init() {}

    public func nudge(_ environment: String) { pending.withLock { _ = $0.insert(environment) } }

    /// Takes `environment` if it waits; whether it did.
    public func take(_ environment: String) -> Bool { pending.withLock { $0.remove(environment) != nil } }

    /// Sleeps `duration`, or until stopped or `environment` is nudged; checks every 50 ms.
    public func sleep(for duration: Duration, stop: StopSignal, environment: String) async {
        let clock = ContinuousClock()
        let end = clock.now + duration
        while !stop.isStopped && !pending.withLock({ $0.contains(environment) }) && clock.now < end {
            try? await Task.sleep(for: min(end - clock.now, .milliseconds(50)))
        }
    }
}
