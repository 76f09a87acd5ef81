/// Sends one request to any URL on the process's curl engine, outside a cluster's API: no
/// credentials, retries or rate limits are added (callers that talk to chat services and forges
/// — notifications — bring their own). The same engine serves the cluster's requests, so a slow
/// receiver holds one transfer, never a thread.
public struct CurlHTTPClient: Sendable {
    public var settings: ConnectionSettings

    /// - Parameter settings: TLS and proxy; the default trusts the system's CA store.
    public init(settings: ConnectionSettings = ConnectionSettings()) { self.settings = settings }

    /// The whole response, whatever its status; throws `TransportError` when none came
    /// (refused, timed out after `request.timeout`, cut). Cancelling the task aborts the transfer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await CurlEngine.shared.perform(request, settings: settings)
    }
}
