import Foundation
import Manifests
import TestSupport
import Testing
@testable import KubeAPI

/// The local cluster behind nginx terminating TLS (HTTP/2, client certificate required), as a
/// managed cluster's API endpoint is: verbs and a watch over the whole path.
@Suite struct TLSProxyTests {
    @Test func verbsAndWatchThroughTLSTermination() async throws {
        try await withCluster { cluster in
            let directory = try TemporaryFolder("tls-proxy")
            let certificates = CertificateFactory(folder: directory)
            try await certificates.makeCA("ca")
            try await certificates.makeLeaf("server", signedBy: "ca", subjectAltName: "IP:127.0.0.1,DNS:localhost")
            try await certificates.makeLeaf("client", signedBy: "ca", clientAuth: true)
            let d = directory.path
            let nginx = try await Nginx.start(portCount: 1, servers: """
                    server {
                        listen 127.0.0.1:PORT0 ssl http2;
                        ssl_certificate \(d)/server.crt; ssl_certificate_key \(d)/server.key;
                        ssl_client_certificate \(d)/ca.crt; ssl_verify_client on;
                        location / {
                            proxy_pass http://127.0.0.1:\(cluster.server.port);
                            proxy_http_version 1.1;
                            proxy_buffering off;
                            proxy_read_timeout 60s;
                        }
                    }
                    """, in: directory)
            defer { nginx.stop() }
            let file = try directory.write("kubeconfig", KubeconfigFixture.single(
                cluster: ["server": .string("https://localhost:\(nginx.ports[0])"), "certificate-authority-data": .string(try certificates.base64("ca.crt"))],
                user: ["token": .string(cluster.server.token), "client-certificate-data": .string(try certificates.base64("client.crt")),
                       "client-key-data": .string(try certificates.base64("client.key"))],
                namespace: "default"))
            let client = try KubeClient(kubeconfig: try Kubeconfig.load(files: [file]), options: noRetries)

            _ = try await client.apply(configMap("over-tls", data: ["secure": "yes"]))
            #expect(try await client.get(.configMap, name: "over-tls")[path: ["data", "secure"]]?.stringValue == "yes")
            let start = try await client.list(.configMap, namespace: "default").resourceVersion
            let events = client.watch(.configMap, WatchRequest(namespace: "default", resourceVersion: start))
            let writer = Task { _ = try await client.patch(.configMap, name: "over-tls", patch: ["data": ["secure": "very"]], patchType: .merge) }
            let seen = try await collect(events, timeout: .seconds(20)) { $0.contains { $0.summary == "MODIFIED over-tls" } }
            try await writer.value
            #expect(seen.last?.object?[path: ["data", "secure"]]?.stringValue == "very")
            #expect(nginx.requestCount(containing: "HTTP/2.0") >= 3, "the client spoke HTTP/2 to the TLS endpoint")
        }
    }
}
