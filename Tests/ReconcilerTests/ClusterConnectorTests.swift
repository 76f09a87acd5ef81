import Foundation
import KubeAPI
import LocalCluster
import Manifests
@testable import Reconciler
import TestSupport
import Testing

/// `cluster: local`: reuse the embedded cluster serving from the data folder, else start one.
@Suite struct ClusterConnectorTests {
    static let namespaceType = GroupVersionKind(group: "", version: "v1", kind: "Namespace")

    @Test func reusesTheClusterThatAnswersAtTheDataFolder() async throws {
        try await withCluster { cluster in
            let connector = ClusterConnector(localDataDirectory: cluster.dataDirectory, launcher: nil)
            let client = try await connector.client(for: .local)
            #expect(client.client.connection.server.hasPrefix(cluster.server.url))
            let defaultNamespace = ObjectIdentity(type: Self.namespaceType, namespace: nil, name: "default")
            #expect(try await client.get(defaultNamespace) != nil)
            await connector.shutdown()
            // Not started by the connector, so still serving.
            #expect(try await cluster.client.get(defaultNamespace) != nil)
        }
    }

    @Test func startsTheEmbeddedClusterWhenNoneAnswersAndStopsIt() async throws {
        let folder = TemporaryFolder.make("connector")
        // A stale kubeconfig from an earlier run: a cluster that no longer listens.
        let stale = try await LocalClusterServer.start(LocalClusterOptions(dataDirectory: folder))
        try await stale.stop()

        let connector = ClusterConnector(localDataDirectory: folder, launcher: InProcessLauncher())
        let client = try await connector.client(for: .local)
        #expect(try await client.isNamespaced(GroupKind(group: "", kind: "ConfigMap")) == true)
        let again = try await connector.client(for: .local)
        #expect(again.client === client.client, "one connection per target")
        await connector.shutdown()

        let probe = try KubeClient(kubeconfig: try Kubeconfig.load(files: [folder + "/kubeconfig"]),
                                   options: KubeClientOptions(retryPolicy: .none, requestTimeout: .seconds(2)))
        await #expect(throws: (any Error).self) { try await probe.version() }
    }

    @Test func withoutALauncherAMissingClusterIsOneClearError() async throws {
        let folder = TemporaryFolder.make("connector-none")
        let connector = ClusterConnector(localDataDirectory: folder, launcher: nil)
        do {
            _ = try await connector.client(for: .local)
            Issue.record("expected an error")
        } catch let error as ClusterError {
            guard case .unreachable(let cluster, let reason) = error else { Issue.record("\(error)"); return }
            #expect(cluster == "local")
            #expect(reason.contains(folder + "/kubeconfig"))
        }
    }

    @Test func customResourcesWaitForTheirDefinitionInTheSameRevision() async throws {
        try await withCluster { cluster in
            let definition: JSON = [
                "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                "metadata": ["name": "widgets.example.com"],
                "spec": ["group": "example.com", "scope": "Namespaced",
                         "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
                         "versions": [["name": "v1", "served": true, "storage": true,
                                       "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]]],
            ]
            let widget: JSON = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w", "namespace": "apps"], "spec": ["size": 3]]
            let result = try await Pipeline(cluster: cluster.client).sync([widget, Manifest.namespace("apps"), definition])
            #expect(result.succeeded, "\(result.entries(.failed))")
            #expect(result.count(.created) == 3)
            let live = try await cluster.client.get(ObjectIdentity(of: widget)!)
            #expect(live?[path: ["spec", "size"]] == 3)
            let listed = try await cluster.kubectl("get", "widgets", "-n", "apps", "-o", "name")
            #expect(listed.stdout.contains("widget.example.com/w"), "\(listed.stdout) \(listed.stderr)")
        }
    }
}
