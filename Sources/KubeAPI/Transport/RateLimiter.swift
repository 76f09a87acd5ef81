/// A client-side token bucket like client-go's: `qps` tokens a second, at most `burst` saved up.
/// Requests reserve a token and sleep until it is due, so waiting never blocks a thread.
actor RateLimiter {
    private let qps: Double
    private let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = Double(max(burst, 1))
        tokens = Double(max(burst, 1))
        last = .now
    }

    /// Waits for the next token.
    func acquire() async throws {
        let now = ContinuousClock.now
        let elapsed = last.duration(to: now)
        last = now
        tokens = min(burst, tokens + Double(elapsed.components.seconds) * qps + Double(elapsed.components.attoseconds) / 1e18 * qps)
        tokens -= 1
        if tokens >= 0 { return }
        let wait = -tokens / qps
        try await Task.sleep(for: .seconds(wait))
    }
}

/// Request rate limits for one client.
public struct RateLimit: Sendable, Equatable {
    public var qps: Double
    public var burst: Int

    public init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = burst
    }

    /// kubectl's current defaults (client-go's are 5 and 10, which kubectl raised).
    public static let kubectlDefault = RateLimit(qps: 50, burst: 300)
}
