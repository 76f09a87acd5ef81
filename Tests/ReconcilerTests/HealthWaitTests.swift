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
