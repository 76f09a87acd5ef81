import Foundation
import Manifests
@testable import Reconciler
import Testing

/// Waiting for health after an apply, against the local cluster's simulated controllers.
@Suite struct HealthWaitTests {
    static func deployment(image: String, progressDeadlineSeconds: Int64 = 60) -> JSON {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "apps"],
         "spec": ["replicas": 1, "progressDeadlineSeconds": .int(progressDeadlineSeconds),
                  "selector": ["matchLabels": ["app": "web"]],
                  "template": ["metadata": ["labels": ["app": "web"]],
                               "spec": ["containers": [["name": "web", "image": .string(image)]]]]]]
    }

    @Test func deploymentBecomesHealthy() async throws {
        try await withCluster(timeScale: 100) { cluster in
            let objects = [Manifest.namespace("apps"), Self.deployment(image: "nginx:1.27", progressDeadlineSeconds: 600)]
            let changes = try await Pipeline(cluster: cluster.client).sync(objects)
            #expect(changes.succeeded)
            let (health, decision) = try await HealthMonitor(cluster: cluster.client, pollInterval: .milliseconds(50))
                .wait(environment: "test", identities: objects.compactMap { ObjectIdentity(of: $0) }, timeout: .seconds(30))
            #expect(decision == .healthy, "\(health)")
        }
    }

    @Test func unpullableImageEndsDegradedBeforeTheTimeout() async throws {
        try await withCluster(timeScale: 100) { cluster in
            let objects = [Manifest.namespace("apps"), Self.deployment(image: "nginx:broken")]
            _ = try await Pipeline(cluster: cluster.client).sync(objects)
            let start = ContinuousClock.now
            let (health, decision) = try await HealthMonitor(cluster: cluster.client, pollInterval: .milliseconds(50))
                .wait(environment: "test", identities: objects.compactMap { ObjectIdentity(of: $0) }, timeout: .seconds(30))
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(health.status == .degraded, "\(health)")
            guard case .failed(let message) = decision else { Issue.record("expected a failure, got \(decision)"); return }
            #expect(message.contains("Deployment.apps apps/web"), "\(message)")
        }
    }

    @Test func healthTimeoutCountsAsDegraded() async throws {
        try await withCluster(timeScale: 1) { cluster in
            let objects = [Manifest.namespace("apps"), Self.deployment(image: "nginx:broken")]
            _ = try await Pipeline(cluster: cluster.client).sync(objects)
            let (_, decision) = try await HealthMonitor(cluster: cluster.client, pollInterval: .milliseconds(50))
                .wait(environment: "test", identities: objects.compactMap { ObjectIdentity(of: $0) }, timeout: .milliseconds(500))
            guard case .failed(let message) = decision else { Issue.record("expected a failure, got \(decision)"); return }
            #expect(message.contains("timed out after"), "\(message)")
        }
    }
}

/// Sync waves: a later wave waits for the earlier one to be Healthy.
@Suite struct SyncWaveTests {
    /// The namespace goes first, in its own wave.
    static var earlyNamespace: JSON {
        var namespace = Manifest.namespace("apps")
        namespace[path: ["metadata", "annotations"]] = [Tracking.syncWaveAnnotation: "-2"]
        return namespace
    }

    @Test func laterWaveIsNotAppliedWhenAnEarlierOneEndsDegraded() async throws {
        try await withCluster(timeScale: 100) { cluster in
            var broken = HealthWaitTests.deployment(image: "nginx:broken")
            broken[path: ["metadata", "annotations"]] = [Tracking.syncWaveAnnotation: "-1"]
            let objects = [Self.earlyNamespace, broken, Manifest.configMap("after")]
            let (plan, _, _) = try await Pipeline(cluster: cluster.client).plan(objects)
            let result = await SyncRunner(cluster: cluster.client, options: ClusterFixture.fastOptions)
                .run(plan, operation: .sync, waveGate: WaveGate(environment: "test", timeout: .seconds(20)))
            let failed = try #require(result.entries(.failed).first)
            #expect(failed.identity.name == "after")
            #expect(failed.message?.contains("wave -1 did not become healthy: Degraded: Deployment.apps apps/web") == true, "\(failed.message ?? "")")
            #expect(try await cluster.client.get(ObjectIdentity(of: Manifest.configMap("after"))!) == nil)
        }
    }

    @Test func laterWaveIsAppliedOnceTheEarlierOneIsHealthy() async throws {
        try await withCluster(timeScale: 100) { cluster in
            var first = HealthWaitTests.deployment(image: "nginx:1.27", progressDeadlineSeconds: 600)
            first[path: ["metadata", "annotations"]] = [Tracking.argoSyncWaveAnnotation: "-1"]
            let objects = [Self.earlyNamespace, first, Manifest.configMap("after")]
            let (plan, _, _) = try await Pipeline(cluster: cluster.client).plan(objects)
            let result = await SyncRunner(cluster: cluster.client, options: ClusterFixture.fastOptions)
                .run(plan, operation: .sync, waveGate: WaveGate(environment: "test", timeout: .seconds(20)))
            #expect(result.succeeded, "\(result.entries(.failed))")
            #expect(try await cluster.client.get(ObjectIdentity(of: Manifest.configMap("after"))!) != nil)
        }
    }
}
