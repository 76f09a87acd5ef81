/// A request that got no HTTP response: refused connection, TLS failure, timeout, cut stream.
/// `message` is curl's own error-buffer text.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// Which of the request's deadlines ran out.
    public enum Timeout: Sendable, Equatable {
        /// No connection within the connect timeout (nothing was sent).
        case connecting(Duration)
        /// Connected, but no complete answer within the request timeout: a hung or overloaded
        /// server. Such a request is not sent again: the next would most likely hang as long.
        case answering(Duration)
    }

    /// curl's `CURLcode`.
    public var code: Int
    public var message: String
    /// Method and URL without query credentials (the API never puts any there).
    public var request: String
    /// Whether the request cannot have reached the server (no connection was made), so
    /// even a non-idempotent one is safe to send again.
    public var beforeSending: Bool
    /// Set when the request ran out of time, rather than failing outright.
    public var timeout: Timeout? = nil

    /// `GET https://10.0.0.1:6443/api/v1/pods did not answer within 30 s`, or curl's words.
    public var description: String {
        timeout == nil ? "\(request): \(message) (curl error \(code))" : "\(request) \(message)"
    }

    /// The message of a timeout: what did not happen within which limit.
    static func message(for timeout: Timeout) -> String {
        switch timeout {
        case .connecting(let limit): return "could not be reached within \(seconds(limit))"
        case .answering(let limit): return "did not answer within \(seconds(limit))"
        }
    }

    /// `30 s`, `2.5 s`: how deadlines read in messages.
    public static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        if fraction == 0 { return "\(whole) s" }
        let value = Double(whole) + Double(fraction) / 1e18
        return "\((value * 10).rounded() / 10) s"
    }
}
