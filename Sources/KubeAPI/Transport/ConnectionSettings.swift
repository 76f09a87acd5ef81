/// Per-cluster settings every request to that cluster carries: TLS and an optional proxy.
public struct ConnectionSettings: Sendable, Equatable {
    public var tls: TLSSettings
    /// kubeconfig `proxy-url` (http, https or socks5); `nil` honours the usual proxy environment.
    public var proxyURL: String?

    public init(tls: TLSSettings = TLSSettings(), proxyURL: String? = nil) {
        self.tls = tls
        self.proxyURL = proxyURL
    }
}
