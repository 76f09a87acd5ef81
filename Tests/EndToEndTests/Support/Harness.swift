import Foundation
import TestSupport
import KubeAPI
import LocalCluster
import Manifests
import Reconciler

/// One end-to-end world: an in-process local cluster (fast controllers), a config repository
/// served by `git daemon` holding the plain-folder sample environments, and the reconciler
/// wired to both exactly as `mooring run` wires it. Always stopped by `withHarness`.
struct Harness {
    let cluster: LocalClusterServer
    let client: KubeClusterClient
    let repository: ConfigRepository
    let source: GitConfigSource
    let folder: String

    /// The plain-folder sample, `Tests/Fixtures/plain-sample/environments`: the repository's sample
    /// as it was before it became kustomize overlays, one file per object, so tests can edit a
    /// Deployment's file. (The overlays of `environments/` have tests of their own.)
    static var sampleEnvironments: String { SampleRepository.environments }

    /// This repository's root, holding the kustomize sample in `environments/`.
    static var projectRoot: String { SampleRepository.projectRoot }

    static let options = SyncOptions(concurrency: 8, deleteTimeout: .seconds(30), definitionTimeout: .seconds(20),
                                     healthPollInterval: .milliseconds(50), pollInterval: .milliseconds(20))

    /// The cluster's speed-up by default: 20×, so a Deployment's 600 s progress deadline is 30 s of
    /// wall clock. At 100× it is 6 s, which an in-process cluster starved by two dozen suites on a
    /// loaded CI machine has overrun (a first sync then reads Degraded).
    static let defaultTimeScale: Double = 20

    /// - Parameter environments: the folder the repository's `environments/` is copied from.
    static func start(timeScale: Double = defaultTimeScale, environments: String = sampleEnvironments) async throws -> Harness {
        let folder = TemporaryFolder.make("world")
        let repository = try await ConfigRepository.create(seed: (environments, "environments"), serve: true)
        do {
            var options = LocalClusterOptions(dataDirectory: folder + "/cluster")
            options.timeScale = timeScale
            let cluster = try await LocalClusterServer.start(options)
            let kubeconfig = try Kubeconfig.load(files: [cluster.kubeconfigPath])
            let client = KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig), pollInterval: .milliseconds(20))
            let source = try await Self.openSource(repository, cache: folder + "/cache")
            return Harness(cluster: cluster, client: client, repository: repository, source: source, folder: folder)
        } catch {
            repository.stop()
            throw error
        }
    }

    static func openSource(_ repository: ConfigRepository, cache: String) async throws -> GitConfigSource {
        try await GitConfigSource.open(RepositoryConfiguration(url: repository.url), configDirectory: cache, cacheFolder: cache)
    }

    func stop() async {
        try? await cluster.stop()
        repository.stop()
    }

    /// The sample environments' settings, with a short health timeout.
    static func environment(_ name: String, selfHeal: Bool = false, rollbackOnFailure: Bool = false,
                            revertInGit: Bool = false, healthTimeout: Duration = .seconds(20)) -> EnvironmentConfiguration {
        EnvironmentConfiguration(name: name, ref: "main", path: "environments/\(name)", prune: true, selfHeal: selfHeal,
                                 healthTimeout: healthTimeout, rollbackOnFailure: rollbackOnFailure, revertInGit: revertInGit)
    }

    func reconciler(_ environment: EnvironmentConfiguration, cluster: (any ClusterClient)? = nil,
                    source: GitConfigSource? = nil,
                    backoff: SelfHealBackoff = SelfHealBackoff(base: .milliseconds(1), maximum: .milliseconds(10))) -> EnvironmentReconciler {
        let source = source ?? self.source
        return EnvironmentReconciler(environment: environment, source: source, cluster: cluster ?? client, options: Self.options,
                                     revertPublisher: GitRevertPublisher(mirror: source.mirror),
                                     backoff: backoff)
    }

    /// Fetches, then reconciles once.
    func poll(_ reconciler: EnvironmentReconciler) async throws -> ReconcileOutcome {
        try await reconciler.source.fetch()
        return try await reconciler.reconcile()
    }

    func live(_ kind: String, _ apiVersion: String, namespace: String?, name: String) async throws -> JSON? {
        try await client.get(ObjectIdentity(type: GroupVersionKind(apiVersion: apiVersion, kind: kind), namespace: namespace, name: name))
    }

    func history(_ environment: String) async throws -> History {
        try await HistoryStore(cluster: client).load(environment: environment)
    }

    /// The real kubectl against the cluster.
    func kubectl(_ arguments: String..., input: String? = nil) async throws -> CommandResult {
        try await Command.run("kubectl", arguments + ["--cache-dir", folder + "/kubectl-cache"],
                              environment: ["KUBECONFIG": cluster.kubeconfigPath], input: input)
    }

    /// Replaces the cluster's fault rules (`/mooring-admin/faults`).
    func setFaults(_ json: String) async throws {
        try await Command.check("curl", ["-s", "-f", "-X", "PUT", "-H", "Authorization: Bearer \(cluster.token)",
                                         "--data-binary", json, cluster.url + "/mooring-admin/faults"])
    }
}

func withHarness<T>(timeScale: Double = Harness.defaultTimeScale, environments: String = Harness.sampleEnvironments,
                    _ body: (Harness) async throws -> T) async throws -> T {
    try await withStopping(try await Harness.start(timeScale: timeScale, environments: environments), stop: { await $0.stop() }, body)
}
