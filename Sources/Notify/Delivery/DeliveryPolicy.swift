import Foundation

/// How hard a message is pushed at a receiver, and how much waits behind it.
public struct DeliveryPolicy: Sendable {
    /// One request's limit: a receiver that never answers costs this, once per attempt.
    public var timeout: Duration
    /// Attempts per message (the first included).
    public var attempts: Int
    /// The wait before the second attempt, doubling after each failure up to `maximumDelay`.
    public var backoff: Duration
    public var maximumDelay: Duration
    /// A 429's `Retry-After` is honoured up to this long; past it the message counts as failed.
    public var maximumRetryAfter: Duration
    /// Messages waiting per target; beyond it the oldest is dropped (and counted).
    public var backlog: Int

    public init(timeout: Duration = .seconds(10), attempts: Int = 5, backoff: Duration = .seconds(1),
                maximumDelay: Duration = .seconds(60), maximumRetryAfter: Duration = .seconds(300), backlog: Int = 100) {
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
        self.backlog = backlog
    }

    /// The wait after `failures` failed attempts in a row.
    func delay(afterFailures failures: Int) -> Duration {
        let delay = backoff * (1 << min(max(failures - 1, 0), 20))
        return delay > maximumDelay ? maximumDelay : delay
    }
}

/// A `Retry-After` header (RFC 9110 §10.2.3): seconds, or an HTTP date.
enum RetryAfter {
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(Int(seconds * 1000)) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = format.date(from: value) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }
}
