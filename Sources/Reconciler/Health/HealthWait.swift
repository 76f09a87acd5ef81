/// What to do after assessing an environment while waiting for an apply to settle: stop when all
/// is Healthy, fail fast on Degraded, give up as Degraded once `healthTimeout` has passed.
public enum HealthWait {
    public enum Decision: Sendable, Equatable {
        case healthy
        case keepWaiting
        /// Health ended Degraded: the message says which object and why, or that time ran out.
        case failed(String)
    }

    public static func decide(_ health: EnvironmentHealth, elapsed: Duration, timeout: Duration) -> Decision {
        switch health.status {
        case .healthy, .suspended:
            return .healthy
        case .degraded:
            return .failed(health.description)
        case .progressing, .missing, .unknown:
            guard elapsed >= timeout else { return .keepWaiting }
            return .failed("Degraded: timed out after \(GoDuration.format(timeout)) waiting for health; \(health.description)")
        }
    }
}
