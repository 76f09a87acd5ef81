import Foundation
import TestSupport
import KubeAPI
import LocalCluster
import Manifests
@testable import Reconciler

/// An in-process local cluster on a free port with its own temporary data folder, a
/// `KubeClusterClient` over real HTTP to it, and the real kubectl pointed at it.
struct ClusterFixture {
    let server: LocalClusterServer
    let dataDirectory: String
    let client: KubeClusterClient

    static func start(timeScale: Double = 50) async throws -> ClusterFixture {
        let folder = TemporaryFolder.make("cluster")
        var options = LocalClusterOptions(dataDirectory: folder)
        options.timeScale = timeScale
        let server = try await LocalClusterServer.start(options)
        let kubeconfig = try Kubeconfig.load(files: [server.kubeconfigPath])
        let client = KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig), pollInterval: .milliseconds(20))
        return ClusterFixture(server: server, dataDirectory: folder, client: client)
    }

    func stop() async { try? await server.stop() }

    /// The real kubectl against this cluster.
    func kubectl(_ arguments: String..., input: String? = nil) async throws -> CommandResult {
        try await Command.run("kubectl", arguments + ["--cache-dir", dataDirectory + "/kubectl-cache"],
                              environment: ["KUBECONFIG": server.kubeconfigPath], input: input)
    }

    /// Sync knobs fast enough for tests.
    static let fastOptions = SyncOptions(concurrency: 8, deleteTimeout: .seconds(20), definitionTimeout: .seconds(20),
                                         healthPollInterval: .milliseconds(50), pollInterval: .milliseconds(20))
}

/// Starts the real embedded cluster, as `mooring` does for `cluster: local`.
struct InProcessLauncher: LocalClusterLauncher {
    func start(dataDirectory: String) async throws -> RunningLocalCluster {
        let server = try await LocalClusterServer.start(LocalClusterOptions(dataDirectory: dataDirectory))
        return RunningLocalCluster(kubeconfigPath: server.kubeconfigPath, stop: { try await server.stop() })
    }
}

/// Runs the body against a fresh cluster and always stops it.
func withCluster<T>(timeScale: Double = 50, _ body: (ClusterFixture) async throws -> T) async throws -> T {
    try await withStopping(try await ClusterFixture.start(timeScale: timeScale), stop: { await $0.stop() }, body)
}

/// Small manifests for tests.
enum Manifest {
    static func configMap(_ name: String, namespace: String = "apps", data: [String: String] = ["key": "value"], annotations: [String: String] = [:]) -> JSON {
        var metadata: JSON = ["name": .string(name), "namespace": .string(namespace)]
        if !annotations.isEmpty { metadata["annotations"] = .object(JSONObject(annotations.map { ($0.key, JSON.string($0.value)) })) }
        return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata,
                "data": .object(JSONObject(data.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))]
    }

    static func namespace(_ name: String) -> JSON {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
    }

    static func service(_ name: String, namespace: String = "apps", port: Int64 = 80, app: String = "web") -> JSON {
        ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": .string(namespace)],
         "spec": ["selector": ["app": .string(app)], "ports": [["name": "http", "port": .int(port)]]]]
    }
}

/// Prepares, lists, diffs and plans through the loop's own reader (`EnvironmentStateReader`),
/// for tests of the pieces in between, then syncs with the loop's runner.
struct Pipeline {
    let cluster: any ClusterClient
    var environment = "test"
    var prune = true
    /// `adopt: true`: objects made by hand are taken over instead of being conflicts.
    var adopt = false
    /// The verdicts kept between passes, as `mooring run` keeps them.
    var memo: DiffMemo? = nil

    var reader: EnvironmentStateReader {
        var configuration = EnvironmentConfiguration(name: environment, namespace: "default", prune: prune)
        configuration.adopt = adopt
        return EnvironmentStateReader(environment: configuration, cluster: cluster, memo: memo)
    }

    func plan(_ objects: [JSON], revision: String = "rev1") async throws -> (SyncPlan, [JSON], LiveState) {
        let desired = try await reader.prepare(objects, revision: revision)
        let state = try await reader.read(desired: desired, revision: revision)
        return (state.plan, state.desired, state.live)
    }

    func sync(_ objects: [JSON], revision: String = "rev1") async throws -> ChangeSet {
        let (plan, desired, _) = try await plan(objects, revision: revision)
        let definitions = desired.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" }
        return await SyncRunner(cluster: cluster, options: ClusterFixture.fastOptions).run(plan, operation: .sync, definitions: definitions)
    }
}
