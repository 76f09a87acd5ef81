/// One HTTP request as the transport sends it; the URL is absolute.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Whole-request limit; `nil` for streams (watch), which the server ends itself.
    public var timeout: Duration?
    /// How long establishing the connection (TCP and TLS) may take.
    public var connectTimeout: Duration = .seconds(5)
    /// Whether sending it twice does no more than sending it once; only such requests are
    /// retried after an error that may have reached the server.
    public var isIdempotent: Bool
    /// How errors name the request; defaults to method and URL. The API transport leaves out the
    /// server URL's own path and user info, which may carry credentials.
    public var label: String

    public init(method: HTTPMethod, url: String, headers: [(name: String, value: String)] = [],
                body: [UInt8]? = nil, timeout: Duration? = .seconds(60), isIdempotent: Bool? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent ?? (method != .post && method != .patch)
        label = "\(method.rawValue) \(ServerAddress(url: url).map { "\($0.scheme)://\($0.authority)\($0.rest)" } ?? url)"
    }
}
