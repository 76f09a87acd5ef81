import Foundation

/// Sends API requests to one cluster: adds credentials, waits for the rate limiter, and sends
/// again after throttling, server hiccups and connection errors when that is safe. Non-2xx
/// answers become `APIError`s carrying the server's `Status`.
final class APITransport: Sendable {
    let connection: ClusterConnection
    let options: KubeClientOptions
    private let authenticator: Authenticator
    private let limiter: RateLimiter?
    /// Requests in flight at once, adapted to 429s and latency (watches excluded).
    let window: ConcurrencyWindow
    private let engine = CurlEngine.shared
    /// Requests sent on the wire, retries included (for tests and benchmarks).
    let attempts = Locked(0)

    /// `scheme://host:port` of the server, for error messages: no user info, no base path.
    private let origin: String
    /// `host:port` of the server: the `cluster` label of the request metrics.
    private let clusterLabel: String

    init(connection: ClusterConnection, options: KubeClientOptions) {
        self.connection = connection
        origin = ServerAddress(url: connection.server).map { "\($0.scheme)://\($0.authority)" } ?? "server"
        clusterLabel = ServerAddress(url: connection.server)?.authority ?? "server"
        self.options = options
        authenticator = Authenticator(source: connection.credentials)
        limiter = options.rateLimit.map { RateLimiter(qps: $0.qps, burst: $0.burst) }
        window = ConcurrencyWindow(initial: options.concurrency.initial, maximum: options.concurrency.maximum)
    }

    /// A request relative to the server, e.g. `/api/v1/namespaces`.
    struct Call: Sendable {
        var method: HTTPMethod
        var path: String
        var body: [UInt8]? = nil
        var contentType: String? = nil
        var accept = "application/json"
        var idempotent: Bool
        var timeout: Duration?

        var description: String { "\(method.rawValue) \(path)" }
    }

    /// Sends a call and returns its 2xx response.
    func send(_ call: Call) async throws -> HTTPResponse {
        try await withRetries(call) { request, settings in
            await self.window.acquire()
            let started = ContinuousClock.now
            do {
                let response = try await self.engine.perform(request, settings: settings)
                let retryAfter = response.header("retry-after").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { Duration.seconds($0) }
                await self.window.release(status: response.status, latency: .now - started, retryAfter: retryAfter)
                return (response, response)
            } catch {
                await self.window.release(status: nil, latency: .now - started, retryAfter: nil)
                throw error
            }
        }
    }

    /// Opens a streaming call (a watch) and returns its 2xx head and body chunks.
    func openStream(_ call: Call) async throws -> (HTTPResponse, AsyncThrowingStream<[UInt8], Error>) {
        try await withRetries(call) { request, settings in
            let (head, stream) = try await self.engine.openStream(request, settings: settings)
            return (head, (head, stream))
        }
    }

    private func withRetries<Result: Sendable>(
        _ call: Call, _ attempt: @Sendable (HTTPRequest, ConnectionSettings) async throws -> (HTTPResponse, Result)
    ) async throws -> Result {
        let policy = options.retryPolicy
        var attemptNumber = 1
        var refreshedCredentials = false
        let started = ContinuousClock.now
        while true {
            try await limiter?.acquire()
            let auth = try await authenticator.current()
            let (request, settings) = prepare(call, auth: auth)
            attempts.withLock { $0 += 1 }
            let response: HTTPResponse
            let result: Result
            do {
                (response, result) = try await attempt(request, settings)
            } catch let error as TransportError {
                RequestMetrics.record(cluster: clusterLabel, method: call.method, path: call.path, status: nil)
                try Task.checkCancellation()
                if attemptNumber < policy.maxAttempts, policy.mayRetry(error, idempotent: call.idempotent),
                   let delay = policy.delay(afterAttempt: attemptNumber, retryAfter: nil),
                   policy.withinBudget(elapsed: ContinuousClock.now - started, delay: delay) {
                    try await Task.sleep(for: delay)
                    attemptNumber += 1
                    continue
                }
                throw error.timeout == nil ? error : clusterTimeout(error, call: call)
            }
            RequestMetrics.record(cluster: clusterLabel, method: call.method, path: call.path, status: response.status)
            if (200..<300).contains(response.status) { return result }
            if response.status == 401, !refreshedCredentials, await authenticator.canRefresh {
                // An expired exec credential or a rotated token file: fetch anew, once.
                await authenticator.invalidate()
                refreshedCredentials = true
                continue
            }
            if attemptNumber < policy.maxAttempts, policy.mayRetry(status: response.status, idempotent: call.idempotent),
               let delay = policy.delay(afterAttempt: attemptNumber, retryAfter: response.header("retry-after")),
               policy.withinBudget(elapsed: ContinuousClock.now - started, delay: delay) {
                try await Task.sleep(for: delay)
                attemptNumber += 1
                continue
            }
            throw APIError(status: APIStatus(httpStatus: response.status, body: response.body), request: call.description)
        }
    }

    /// A timeout names the cluster first, as the user knows it: "cluster at https://10.0.0.1:6443
    /// did not answer within 30 s (GET /api/v1/...)".
    private func clusterTimeout(_ error: TransportError, call: Call) -> TransportError {
        var named = error
        named.request = "cluster at \(origin)"
        if let timeout = error.timeout { named.message = TransportError.message(for: timeout) + " (\(call.description))" }
        return named
    }

    private func prepare(_ call: Call, auth: AuthMaterial) -> (HTTPRequest, ConnectionSettings) {
        var headers: [(name: String, value: String)] = [(name: "Accept", value: call.accept),
                                                         (name: "User-Agent", value: options.userAgent)]
        if let contentType = call.contentType { headers.append((name: "Content-Type", value: contentType)) }
        if let authorization = auth.authorization { headers.append((name: "Authorization", value: authorization)) }
        var settings = connection.settings
        if let certificate = auth.clientCertificatePEM, let key = auth.clientKeyPEM {
            settings.tls.clientCertificatePEM = certificate
            settings.tls.clientKeyPEM = key
        }
        var request = HTTPRequest(method: call.method, url: connection.server + call.path, headers: headers,
                                  body: call.body, timeout: call.timeout, isIdempotent: call.idempotent)
        request.label = "\(call.method.rawValue) \(origin)\(call.path)"
        request.connectTimeout = options.connectTimeout
        return (request, settings)
    }
}
