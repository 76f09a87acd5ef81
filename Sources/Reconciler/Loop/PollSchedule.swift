/// When the poller looks at git next: every `interval`, shifted by up to ±`jitter` of it so that
/// many reconcilers do not fetch from the same server in lockstep.
public struct PollSchedule: Sendable, Equatable {
    public var interval: Duration
    /// A fraction of the interval, 0…1.
    public var jitter: Double

    public init(interval: Duration, jitter: Double = 0.1) {
        self.interval = interval
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay before the next poll, for a random draw `unit` in 0..<1 (injected so the
    /// schedule is testable; the poller passes `Double.random(in: 0..<1)`).
    public func nextDelay(unit: Double) -> Duration {
        let shift = (unit * 2 - 1) * jitter
        return interval * (1 + shift)
    }
}
