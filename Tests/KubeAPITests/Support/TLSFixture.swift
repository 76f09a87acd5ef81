import Foundation
import TestSupport
import Manifests

/// nginx terminating TLS on three ports, with certificates made by openssl for this test:
/// `PORT0` a server certificate for IP 127.0.0.1; `PORT1` one valid only for the name
/// `kube.test`; `PORT2` like PORT0 but requiring a client certificate signed by `client-ca`.
/// Each serves `/version` as JSON, and `/echo-auth` answers 200 only to `Bearer good-token`.
final class TLSFixture: Sendable {
    let directory: TemporaryFolder
    let certificates: CertificateFactory
    let nginx: Nginx

    static let versionBody = #"{"major":"1","minor":"32","gitVersion":"v1.32.0-nginx"}"#

    /// Makes the certificates and starts nginx.
    static func started() async throws -> TLSFixture {
        let directory = try TemporaryFolder("tls")
        let certificates = CertificateFactory(folder: directory)
        try await certificates.makeCA("server-ca")
        try await certificates.makeCA("other-ca")
        try await certificates.makeCA("client-ca")
        try await certificates.makeLeaf("server-ip", signedBy: "server-ca", subjectAltName: "IP:127.0.0.1")
        try await certificates.makeLeaf("server-name", signedBy: "server-ca", subjectAltName: "DNS:kube.test")
        try await certificates.makeLeaf("client-good", signedBy: "client-ca", clientAuth: true)
        try await certificates.makeLeaf("client-rogue", signedBy: "other-ca", clientAuth: true)
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
        let nginx = try await Nginx.start(portCount: 3, servers: """
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
        return TLSFixture(directory: directory, certificates: certificates, nginx: nginx)
    }

    private init(directory: TemporaryFolder, certificates: CertificateFactory, nginx: Nginx) {
        self.directory = directory
        self.certificates = certificates
        self.nginx = nginx
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
