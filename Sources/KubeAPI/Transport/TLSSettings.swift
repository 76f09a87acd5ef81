/// How a connection proves who the server is and who the client is; certificates are PEM bytes
/// held in memory and handed to curl as blobs, never written to disk.
public struct TLSSettings: Sendable, Equatable {
    /// Trusted CA certificates; `nil` trusts the system store.
    public var certificateAuthorityPEM: [UInt8]?
    /// Skips server verification (kubeconfig `insecure-skip-tls-verify`).
    public var insecureSkipVerify: Bool
    /// The name checked against the server certificate and sent as SNI, when not the URL's host.
    public var serverName: String?
    /// A client certificate and its key for mutual TLS.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?

    public init(certificateAuthorityPEM: [UInt8]? = nil, insecureSkipVerify: Bool = false, serverName: String? = nil,
                clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}
