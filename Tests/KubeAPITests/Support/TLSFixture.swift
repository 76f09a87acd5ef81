import Foundation
import Manifests

/// nginx terminating TLS on three ports, with certificates made by openssl for this test:
/// `PORT0` a server certificate for IP 127.0.0.1; `PORT1` one valid only for the name
/// `kube.test`; `PORT2` like PORT0 but requiring a client certificate signed by `client-ca`.
/// Each serves `/version` as JSON, and `/echo-auth` answers 200 only to `Bearer good-token`.
final class TLSFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let certificates: CertificateFactory
    let nginx: Nginx

    static let versionBody = #"{"major":"1","minor":"32","gitVersion":"v1.32.0-nginx"}"#

    /// Makes the certificates and starts nginx off the cooperative pool.
    static func started() async throws -> TLSFixture { try await Command.offPool { try TLSFixture() } }

    private init() throws {
        directory = try TemporaryDirectory("tls")
        certificates = CertificateFactory(directory: directory)
        try certificates.makeCA("server-ca")
        try certificates.makeCA("other-ca")
        try certificates.makeCA("client-ca")
        try certificates.makeLeaf("server-ip", signedBy: "server-ca", subjectAltName: "IP:127.0.0.1")
        try certificates.makeLeaf("server-name", signedBy: "server-ca", subjectAltName: "DNS:kube.test")
        try certificates.makeLeaf("client-good", signedBy: "client-ca", clientAuth: true)
        try certificates.makeLeaf("client-rogue", signedBy: "other-ca", clientAuth: true)
        let locations = """
                location = /version { return 200 '\(Self.versionBody)'; }
                location = /echo-auth {
                    if ($http_authorization != "Bearer good-token") {
                        return 401 '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","message":"Unauthorized","code":401}';
                    }
                    return 200 '{"ok":true}';
                }
            """
        let d = directory.path
        nginx = try Nginx(portCount: 3, servers: """
            server {
                listen 127.0.0.1:PORT0 ssl http2;
                ssl_certificate \(d)/server-ip.crt; ssl_certificate_key \(d)/server-ip.key;
            \(locations)
            }
            server {
                listen 127.0.0.1:PORT1 ssl http2;
                ssl_certificate \(d)/server-name.crt; ssl_certificate_key \(d)/server-name.key;
            \(locations)
            }
            server {
                listen 127.0.0.1:PORT2 ssl http2;
                ssl_certificate \(d)/server-ip.crt; ssl_certificate_key \(d)/server-ip.key;
                ssl_client_certificate \(d)/client-ca.crt;
                ssl_verify_client on;
            \(locations)
            }
            """, in: directory)
    }

    var plainServer: String { "https://127.0.0.1:\(nginx.ports[0])" }
    var namedServer: String { "https://127.0.0.1:\(nginx.ports[1])" }
    var mutualServer: String { "https://127.0.0.1:\(nginx.ports[2])" }

    /// A kubeconfig file for `cluster` and `user`, loaded as a client.
    func client(cluster: JSON, user: JSON = [:]) throws -> KubeClientHandle {
        let file = try directory.write("kubeconfig-\(UUID().uuidString.prefix(6))", KubeconfigFixture.single(cluster: cluster, user: user))
        return KubeClientHandle(file: file)
    }
}

/// A kubeconfig file path, turned into a client on demand.
struct KubeClientHandle {
    let file: String
}
