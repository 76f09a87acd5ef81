/// A request that got no HTTP response: refused connection, TLS failure, timeout, cut stream.
/// `message` is curl's own error-buffer text.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// curl's `CURLcode`.
    public var code: Int
    public var message: String
    /// Method and URL without query credentials (the API never puts any there).
    public var request: String
    /// Whether the request cannot have reached the server (no connection was made), so
    /// even a non-idempotent one is safe to send again.
    public var beforeSending: Bool

    public var description: String { "\(request): \(message) (curl error \(code))" }
}
