import Foundation
import Manifests
import TestSupport
import Testing
@testable import KubeAPI

/// Legacy discovery, for servers without aggregated discovery (before 1.26, or proxies that
/// drop the Accept parameters): nginx serves the per-group-version documents and ignores Accept.
@Suite struct DiscoveryTests {
    static let documents: [(path: String, body: String)] = [
        ("/api", #"{"kind":"APIVersions","versions":["v1"]}"#),
        ("/apis", #"{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},{"name":"metrics.example","versions":[{"groupVersion":"metrics.example/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"metrics.example/v1beta1","version":"v1beta1"}}]}"#),
        ("/api/v1", #"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"configmaps","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","get","list","patch","update","watch"]},{"name":"namespaces","namespaced":false,"kind":"Namespace","verbs":["get","list"]},{"name":"namespaces/status","namespaced":false,"kind":"Namespace","verbs":["get","patch","update"]}]}"#),
        ("/apis/apps/v1", #"{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get","list","patch"]},{"name":"deployments/scale","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]},{"name":"deployments/status","namespaced":true,"kind":"Deployment","verbs":["get","patch","update"]}]}"#),
    ]

    @Test func fallsBackToLegacyDiscoveryAndSkipsUnavailableGroups() async throws {
        let directory = try TemporaryFolder("legacy-discovery")
        let locations = Self.documents.map { "location = \($0.path) { return 200 '\($0.body)'; }" }.joined(separator: "\n")
        let nginx = try await Nginx.start(portCount: 1, servers: """
                server {
                    listen 127.0.0.1:PORT0;
                    \(locations)
                    location = /apis/metrics.example/v1beta1 { return 503 '{"kind":"Status","code":503,"reason":"ServiceUnavailable"}'; }
                }
                """, in: directory)
        let client = KubeClient(connection: ClusterConnection(server: "http://127.0.0.1:\(nginx.ports[0])"), options: noRetries)
        let deployments = try await client.resource(for: .deployment)
        #expect(deployments.resource == "deployments" && deployments.namespaced)
        #expect(Set(deployments.subresources) == ["scale", "status"])
        #expect(try await client.resource(for: .configMap).collectionPath(namespace: "x") == "/api/v1/namespaces/x/configmaps")
        let namespaces = try await client.resource(for: .namespace)
        #expect(!namespaces.namespaced && namespaces.objectPath(name: "x", namespace: "ignored") == "/api/v1/namespaces/x")
        #expect(nginx.requestCount(containing: "GET /apis/metrics.example/v1beta1") >= 1, "the unavailable group was asked and skipped")
        // Served from the cache: no second discovery for known kinds.
        let before = client.requestsSent
        _ = try await client.resource(for: .deployment)
        #expect(client.requestsSent == before)
        nginx.stop()
    }
}
