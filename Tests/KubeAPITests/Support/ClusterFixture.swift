import Foundation
import TestSupport
import LocalCluster
import Manifests
@testable import KubeAPI

/// The embedded local cluster on a free loopback port, in a temp folder, with a client made
/// from the kubeconfig the cluster writes. `withCluster` stops it whatever the test's outcome.
struct ClusterFixture: Sendable {
    let directory: TemporaryFolder
    let server: LocalClusterServer
    let client: KubeClient

    /// Replaces the cluster's fault rules (format: LocalCluster's `FaultRules`) with the curl CLI,
    /// so fault setup never goes through the client under test.
    func setFaults(_ rules: String) async throws {
        _ = try await Command.check("curl", ["-sf", "-X", "PUT", "-H", "Authorization: Bearer \(server.token)",
                           "-H", "Content-Type: application/json", "--data-binary", rules, server.url + "/mooring-admin/faults"])
    }

    func faults() async throws -> JSON {
        try JSON(parsing: try await Command.check("curl", ["-sf", "-H", "Authorization: Bearer \(server.token)", server.url + "/mooring-admin/faults"]))
    }

    /// A client of the same cluster with other options.
    func client(_ options: KubeClientOptions) throws -> KubeClient {
        try KubeClient(kubeconfig: try Kubeconfig.load(files: [server.kubeconfigPath]), options: options)
    }
}

/// Tests retry on their own terms; the default client does not, so failures show at once.
let noRetries = KubeClientOptions(retryPolicy: .none)

func withCluster(directory: TemporaryFolder? = nil, options: KubeClientOptions = noRetries,
                 _ body: (ClusterFixture) async throws -> Void) async throws {
    let directory = try directory ?? TemporaryFolder("cluster")
    var clusterOptions = LocalClusterOptions(dataDirectory: directory.file("data"))
    clusterOptions.timeScale = 50
    let server = try await LocalClusterServer.start(clusterOptions)
    try await withStopping(server, stop: { try? await $0.stop() }) { server in
        let client = try KubeClient(kubeconfig: try Kubeconfig.load(files: [server.kubeconfigPath]), options: options)
        try await body(ClusterFixture(directory: directory, server: server, client: client))
    }
}

extension GroupVersionKind {
    static let configMap = GroupVersionKind(group: "", version: "v1", kind: "ConfigMap")
    static let namespace = GroupVersionKind(group: "", version: "v1", kind: "Namespace")
    static let deployment = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")
}

func configMap(_ name: String, namespace: String = "default", labels: [String: String] = [:], data: [String: String] = ["k": "v"]) -> JSON {
    var metadata: JSON = ["name": .string(name), "namespace": .string(namespace)]
    if !labels.isEmpty { metadata["labels"] = .object(JSONObject(labels.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })) }
    return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata,
            "data": .object(JSONObject(data.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))]
}

func deployment(_ name: String, image: String = "nginx:1.25", replicas: Int64 = 1) -> JSON {
    [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": ["name": .string(name), "namespace": "default"],
        "spec": [
            "replicas": .int(replicas),
            "selector": ["matchLabels": ["app": .string(name)]],
            "template": [
                "metadata": ["labels": ["app": .string(name)]],
                "spec": ["containers": [["name": "main", "image": .string(image)], ["name": "sidecar", "image": "busybox:1"]]],
            ],
        ],
    ]
}
