/// Tuning of one `KubeClient`.
public struct KubeClientOptions: Sendable {
    /// `nil` disables client-side throttling.
    public var rateLimit: RateLimit?
    public var retryPolicy: RetryPolicy
    /// Limit of one ordinary request (not of a watch).
    public var requestTimeout: Duration
    public var userAgent: String
    /// Requests one client keeps in flight: starts at `initial`, adapts between 1 and `maximum`
    /// (halved on 429 and on answers far slower than usual, widened as answers come).
    public var concurrency: (initial: Int, maximum: Int) = (16, 64)

    public init(rateLimit: RateLimit? = .kubectlDefault, retryPolicy: RetryPolicy = RetryPolicy(),
                requestTimeout: Duration = .seconds(60), userAgent: String = "mooring/0.1") {
        self.rateLimit = rateLimit
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }
}
