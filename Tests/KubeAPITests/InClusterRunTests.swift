import Foundation
import Manifests
import Testing
@testable import KubeAPI

/// `cluster: in-cluster` end to end: the `mooring` binary reconciles through a pod's view of its
/// cluster — `KUBERNETES_SERVICE_HOST`/`_PORT` and the service account's token, CA and namespace
/// files (moved by `MOORING_SERVICE_ACCOUNT_DIR`, as a pod with a projected token would) — to the
/// local cluster behind nginx terminating TLS with a certificate only that CA vouches for.
@Suite struct InClusterRunTests {
    static var binary: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/debug/mooring").path
    }

    @Test func runReconcilesThroughTheServiceAccount() async throws {
        try await withCluster { cluster in
            let directory = try TemporaryDirectory("in-cluster")
            let certificates = CertificateFactory(directory: directory)
            let nginx = try await Command.offPool { () throws -> Nginx in
                try certificates.makeCA("ca")
                try certificates.makeLeaf("server", signedBy: "ca", subjectAltName: "IP:127.0.0.1")
                let d = directory.path
                return try Nginx(portCount: 1, servers: """
                    server {
                        listen 127.0.0.1:PORT0 ssl;
                        ssl_certificate \(d)/server.crt; ssl_certificate_key \(d)/server.key;
                        location / { proxy_pass http://127.0.0.1:\(cluster.server.port); proxy_buffering off; }
                    }
                    """, in: directory)
            }
            defer { nginx.stop() }
            // What the kubelet mounts into the pod.
            _ = try directory.write("serviceaccount/token", cluster.server.token)
            _ = try directory.write("serviceaccount/namespace", "mooring-system")
            try FileManager.default.copyItem(atPath: directory.file("ca.crt"), toPath: directory.file("serviceaccount/ca.crt"))

            // A config repository with one environment, read from a local path.
            let work = directory.file("config")
            try FileManager.default.createDirectory(atPath: work + "/environments/apps", withIntermediateDirectories: true)
            _ = try directory.write("config/environments/apps/settings.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: default
                data:
                  GREETING: hello from the pod
                """)
            let git = ["GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": directory.path,
                       "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
                       "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            try Command.check(["git", "init", "-q", "-b", "main"], environment: git, directory: work)
            try Command.check(["git", "add", "-A"], environment: git, directory: work)
            try Command.check(["git", "commit", "-q", "-m", "settings"], environment: git, directory: work)
            let config = try directory.write("mooring.yaml", """
                repository:
                  url: \(work)
                environments:
                  apps:
                    cluster: in-cluster
                    healthTimeout: 30s
                """)

            var environment = ProcessInfo.processInfo.environment
            environment["KUBERNETES_SERVICE_HOST"] = "127.0.0.1"
            environment["KUBERNETES_SERVICE_PORT"] = String(nginx.ports[0])
            environment["MOORING_SERVICE_ACCOUNT_DIR"] = directory.file("serviceaccount")
            environment["KUBECONFIG"] = directory.file("no-kubeconfig")
            let podEnvironment = environment
            let run = try await Command.offPool {
                try Command.run([Self.binary, "run", "--once", "--config", config, "--cache-dir", directory.file("cache")], environment: podEnvironment)
            }
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let applied = try await cluster.client.get(.configMap, name: "settings", namespace: "default")
            #expect(applied[path: ["data", "GREETING"]]?.stringValue == "hello from the pod")
            #expect(nginx.requestCount(containing: "PATCH /api/v1/namespaces/default/configmaps/settings") >= 1,
                    "the apply went through the TLS endpoint, not around it")
            #expect(!run.stdout.contains(cluster.server.token) && !run.stderr.contains(cluster.server.token))

            // Without the CA the pod trusts, the same endpoint is refused: one clear error, exit 2.
            try "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n"
                .write(toFile: directory.file("serviceaccount/ca.crt"), atomically: true, encoding: .utf8)
            let untrusted = try await Command.offPool {
                try Command.run([Self.binary, "run", "--once", "--config", config, "--cache-dir", directory.file("cache")], environment: podEnvironment)
            }
            #expect(untrusted.status == 2, "\(untrusted.stdout)\(untrusted.stderr)")
            #expect(untrusted.stderr.contains("apps"))
        }
    }
}
