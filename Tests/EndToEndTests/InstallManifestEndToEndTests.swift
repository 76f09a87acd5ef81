import Foundation
import KubeAPI
import LocalCluster
import Manifests
import Reconciler
import TestSupport
import Testing

/// The install-manifest fixtures (Tests/Fixtures/install-manifests) as Mooring environments in a
/// config repository served by `git daemon`, reconciled into the embedded cluster: each syncs and
/// becomes Healthy, the next pass sends no PATCH and no dry-run, and `kubectl diff --server-side`
/// of the same files exits 0. The kubectl half of the same check is LocalClusterTests'
/// `InstallManifestTests`.
@Suite struct InstallManifestEndToEndTests {
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/install-manifests").path
    }()

    @Test(arguments: ["edge-router", "cert-keeper", "metrics-stack", "shipyard", "storefront"])
    func reconcilesHealthyAndThenSendsNothing(fixture: String) async throws {
        let folder = TemporaryFolder.make("install-\(fixture)")
        let repository = try await ConfigRepository.create(seed: (Self.fixtures, "environments"), serve: true)
        var options = LocalClusterOptions(dataDirectory: folder + "/cluster")
        // At 20× a Deployment's default 600 s progress deadline is 30 s of wall clock, enough for a
        // machine loaded by other builds (at 100× it is 6 s, which a stalled controller can overrun).
        options.timeScale = 20
        let cluster = try await LocalClusterServer.start(options)
        do {
            let kubeconfig = try Kubeconfig.load(files: [cluster.kubeconfigPath])
            let client = KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig), pollInterval: .milliseconds(20))
            let source = try await Harness.openSource(repository, cache: folder + "/cache")
            let environment = EnvironmentConfiguration(name: fixture, ref: "main", path: "environments/\(fixture)", prune: true,
                                                       healthTimeout: .seconds(90))
            func reconciler(_ cluster: any ClusterClient) -> EnvironmentReconciler {
                EnvironmentReconciler(environment: environment, source: source, cluster: cluster, options: Harness.options,
                                      revertPublisher: GitRevertPublisher(mirror: source.mirror))
            }
            try await source.fetch()
            let first = try await reconciler(client).reconcile()
            #expect(first.isSyncedAndHealthy, "\(first.message) \(first.health)")

            let counting = CountingClusterClient(client)
            let second = try await reconciler(counting).reconcile()
            #expect(second.decision == .upToDate(revision: second.revision), "\(second.decision)")
            #expect(counting.counts.applies == 0 && counting.counts.dryRunApplies == 0, "\(counting.counts)")

            // kubectl's dry-run apply is another manager's: over atomic lists holding defaulted
            // fields (a RoleBinding's `subjects`) it conflicts with Mooring as it would on a real
            // server, so conflicts are forced; the diff then shows any difference in content.
            let diff = try await Command.run("kubectl", ["diff", "--server-side", "--force-conflicts", "-f", Self.fixtures + "/" + fixture,
                                                         "--cache-dir", folder + "/kubectl-cache"],
                                             environment: ["KUBECONFIG": cluster.kubeconfigPath], input: nil)
            #expect(diff.status == 0, "\(diff.stdout.prefix(2000))\(diff.stderr)")
        } catch {
            Issue.record(error)
        }
        try? await cluster.stop()
        repository.stop()
    }
}
