import TestSupport

/// nginx on 127.0.0.1 terminating TLS with a certificate from a throw-away CA and proxying to a
/// plain-HTTP server on loopback. Stop it with `stop()`.
struct TLSProxy: Sendable {
    let nginx: Nginx
    /// The CA certificate (PEM) that signed the server certificate.
    let caCertificate: String

    /// The server certificate names 127.0.0.1 as an IP and also as a DNS name: Debian's libgit2
    /// verifies hosts with mbedTLS 2, which only matches DNS names.
    static func start(in folder: TemporaryFolder, backendPort: Int) async throws -> TLSProxy {
        let certificates = CertificateFactory(folder: folder)
        try await certificates.makeCA("ca")
        try await certificates.makeLeaf("server", signedBy: "ca", subjectAltName: "DNS:127.0.0.1,IP:127.0.0.1")
        let nginx = try await Nginx.start(portCount: 1, servers: """
            server {
                listen 127.0.0.1:PORT0 ssl;
                ssl_certificate \(folder.file("server.crt"));
                ssl_certificate_key \(folder.file("server.key"));
                client_max_body_size 0;
                location / {
                    proxy_pass http://127.0.0.1:\(backendPort);
                    proxy_http_version 1.1;
                }
            }
            """, in: folder)
        return TLSProxy(nginx: nginx, caCertificate: folder.file("ca.crt"))
    }

    /// `https://127.0.0.1:<port>/<name>.git`
    func url(_ name: String) -> String { "https://127.0.0.1:\(nginx.ports[0])/\(name).git" }

    func stop() { nginx.stop() }
}
