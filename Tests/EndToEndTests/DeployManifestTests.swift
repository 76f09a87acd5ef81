import Foundation
import Reconciler
import TestSupport
import Testing

/// `deploy/` as a user installs it: `kubectl apply --server-side -k deploy/` against the local
/// cluster, and the Deployment rolls out there (probes, security context and volumes accepted
/// by the API server's validation and defaulting).
@Suite struct DeployManifestTests {
    static var deploy: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("deploy").path
    }

    @Test func installManifestsApplyAndTheDeploymentRollsOut() async throws {
        try await withHarness { harness in
            let applied = try await harness.kubectl("apply", "--server-side", "-k", Self.deploy)
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            for line in ["namespace/mooring-system serverside-applied", "clusterrole.rbac.authorization.k8s.io/mooring serverside-applied",
                         "deployment.apps/mooring serverside-applied", "service/mooring serverside-applied",
                         "configmap/mooring-config serverside-applied", "secret/mooring-secrets serverside-applied"] {
                #expect(applied.stdout.contains(line), "\(applied.stdout)")
            }
            let rollout = try await harness.kubectl("rollout", "status", "deployment/mooring", "-n", "mooring-system", "--timeout=120s")
            #expect(rollout.status == 0, "\(rollout.stdout)\(rollout.stderr)")
            let ready = try await harness.kubectl("get", "deployment", "mooring", "-n", "mooring-system", "-o", "jsonpath={.status.readyReplicas}")
            #expect(ready.stdout == "2")
            // The ConfigMap's mooring.yaml is one this build reads.
            let config = try await harness.kubectl("get", "configmap", "mooring-config", "-n", "mooring-system", "-o", "jsonpath={.data.mooring\\.yaml}")
            let configuration = try MooringConfiguration(yaml: config.stdout, file: "deploy/base/configmap.yaml")
            #expect(configuration.environments.allSatisfy { $0.cluster == .inCluster })
            #expect(configuration.server.webhooks[.github] == .file("/etc/mooring/secrets/github-webhook-secret"))
            // The namespace-scoped variant builds, with Roles and no ClusterRole.
            let scoped = try await harness.kubectl("kustomize", Self.deploy + "/namespace-scoped")
            #expect(scoped.status == 0 && scoped.stdout.contains("kind: Role") && !scoped.stdout.contains("kind: ClusterRole"))
        }
    }
}
