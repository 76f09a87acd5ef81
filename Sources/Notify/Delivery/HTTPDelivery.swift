import KubeAPI

/// What a receiver answered, as `mooring notify test` prints it and logs quote it.
public struct DeliveryAnswer: Sendable, CustomStringConvertible {
    public var status: Int
    /// The first 2 KiB of the body, as text.
    public var body: String
    public var retryAfter: String?

    public var succeeded: Bool { (200..<300).contains(status) }

    /// `HTTP 429: rate limited`
    public var description: String {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(text)"
    }
}

/// How one message's attempts ended.
enum DeliveryResult: Sendable {
    case delivered(DeliveryAnswer)
    /// Refused (4xx), or no 2xx after every attempt: the last answer or transport error.
    case failed(String)
    /// Stopped before it could finish (`run --once` ran out of time).
    case cancelled
}

/// Sends notification requests on KubeAPI's curl engine, one attempt or with the policy's retries.
struct HTTPDelivery: Sendable {
    var client = CurlHTTPClient()

    /// One attempt. Errors carry curl's message only: the request line would show the URL.
    func send(_ request: NotificationRequest, timeout: Duration) async throws -> DeliveryAnswer {
        var http = HTTPRequest(method: .post, url: request.url, headers: request.headers, body: request.body,
                               timeout: timeout, isIdempotent: false)
        http.label = "POST (notification)"
        do {
            let response = try await client.send(http)
            return DeliveryAnswer(status: response.status, body: String(decoding: response.body.prefix(2048), as: UTF8.self),
                                  retryAfter: response.header("retry-after"))
        } catch let error as TransportError {
            throw DeliveryError(message: error.message)
        }
    }

    /// Attempts until a 2xx, a refusal, or the policy's last attempt: 5xx, 408, timeouts and
    /// refused connections are retried with exponential back-off; a 429 waits its `Retry-After`.
    func deliver(_ request: NotificationRequest, policy: DeliveryPolicy) async -> DeliveryResult {
        var problem = "not sent"
        for attempt in 1...max(policy.attempts, 1) {
            if Task.isCancelled { return .cancelled }
            var wait = policy.delay(afterFailures: attempt)
            do {
                let answer = try await send(request, timeout: policy.timeout)
                if answer.succeeded { return .delivered(answer) }
                problem = answer.description
                if answer.status == 429 {
                    if let asked = RetryAfter.parse(answer.retryAfter) {
                        guard asked <= policy.maximumRetryAfter else { return .failed("\(problem) (Retry-After \(answer.retryAfter ?? "") is too long)") }
                        wait = asked
                    }
                } else if answer.status < 500 && answer.status != 408 {
                    return .failed(problem)
                }
            } catch {
                if Task.isCancelled { return .cancelled }
                problem = "\(error)"
            }
            guard attempt < policy.attempts else { break }
            do { try await Task.sleep(for: wait) } catch { return .cancelled }
        }
        return .failed("\(problem) after \(policy.attempts) attempt(s)")
    }
}

struct DeliveryError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
