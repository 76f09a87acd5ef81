/// Tuning of one `KubeClient`.
public struct KubeClientOptions: Sendable {
    /// `nil` disables client-side throttling.
    public var rateLimit: RateLimit?
    public var retryPolicy: RetryPolicy
    /// Limit of one ordinary request (not of a watch): a server that accepts the connection but
    /// does not answer within it fails the request with "did not answer within 30 s".
    public var requestTimeout: Duration
    /// Limit of establishing a connection (TCP and TLS), like kubectl's dialer.
    public var connectTimeout: Duration
    public var userAgent: String
    /// Requests one client keeps in flight: starts at `initial`, adapts between 1 and `maximum`
    /// (halved on 429 and on answers far slower than usual, widened as answers come).
    public var concurrency: (initial: Int, maximum: Int) = (16, 64)

    public static let defaultRequestTimeout: Duration = .seconds(30)

    public init(rateLimit: RateLimit? = .kubectlDefault, retryPolicy: RetryPolicy = RetryPolicy(),
                requestTimeout: Duration = KubeClientOptions.defaultRequestTimeout, connectTimeout: Duration = .seconds(5),
                userAgent: String = "mooring/0.1") {
        self.rateLimit = rateLimit
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.userAgent = userAgent
    }
}
