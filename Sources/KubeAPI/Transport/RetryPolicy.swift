import Foundation

/// When and how long to wait before sending a failed request again: exponential back-off with
/// full jitter, capped, and the server's `Retry-After` honoured when it gives one. Retries are
/// bounded in time as well as in count: none starts once `maxElapsed` has passed since the first
/// attempt, so a failing server costs a request at most about `maxElapsed` plus one timeout.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// No retry is started (its wait included) later than this after the first attempt began.
    public var maxElapsed: Duration
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` obeyed; a longer one fails the request instead of stalling.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(100),
                maxDelay: Duration = .seconds(5), maxRetryAfter: Duration = .seconds(30), maxElapsed: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.maxElapsed = maxElapsed
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// Statuses that mean "try again later": throttled, or a server/proxy hiccup.
    static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Whether a response of `status` to a request may be sent again. A 429 means the server
    /// refused before doing anything, so even a create is safe; 5xx only for idempotent requests.
    func mayRetry(status: Int, idempotent: Bool) -> Bool {
        guard Self.retryableStatuses.contains(status) else { return false }
        return status == 429 || idempotent
    }

    /// Transport errors: any for idempotent requests, only unsent ones otherwise; never a
    /// request the server took and did not answer in time (the next would hang as long).
    func mayRetry(_ error: TransportError, idempotent: Bool) -> Bool {
        if case .answering? = error.timeout { return false }
        return idempotent || error.beforeSending
    }

    /// Whether a retry after `delay` still starts within `maxElapsed` of the first attempt.
    func withinBudget(elapsed: Duration, delay: Duration) -> Bool {
        elapsed + delay <= maxElapsed
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    func delay(afterAttempt attempt: Int, retryAfter: String?) -> Duration? {
        if let retryAfter, let seconds = Int(retryAfter.trimmingCharacters(in: .whitespaces)) {
            let wanted = Duration.seconds(max(seconds, 0))
            return wanted <= maxRetryAfter ? wanted : nil
        }
        let exponent = min(attempt - 1, 20)
        let ceiling = min(initialDelay * (1 << exponent), maxDelay)
        // Full jitter: spread retries of many clients so they do not come back in lockstep.
        let fraction = Double.random(in: 0.5...1.0)
        return ceiling * fraction
    }
}
