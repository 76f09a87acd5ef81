import Foundation
import Testing
@testable import LocalCluster

/// The project's sample environments (kustomize overlays), applied by the real kubectl to an
/// empty cluster: the first `apply --server-side -k` must succeed as it would on a real server
/// (kustomize puts the Namespace first), and a `kubectl diff -k` afterwards must find nothing.
@Suite struct KubectlSampleEnvironmentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["develop", "master"])
    func sampleEnvironmentAppliesCleanlyOnAFreshCluster(environment: String) async throws {
        let folder = Self.repository.appendingPathComponent("environments/\(environment)").path
        try await withCluster { cluster in
            let applied = try await cluster.kubectl("apply", "--server-side", "-k", folder)
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stdout.contains("namespace/django-\(environment) serverside-applied"))
            #expect(applied.stdout.contains("deployment.apps/django-admin serverside-applied"))
            // Let the rollout finish first: while the controller is still writing the Deployment's
            // status, kubectl diff sees status move between its two reads, as on a real cluster.
            let rollout = try await cluster.kubectl("rollout", "status", "deployment/django-admin",
                                                    "-n", "django-\(environment)", "--timeout=60s")
            #expect(rollout.status == 0, "\(rollout.stderr)")
            let diff = try await cluster.kubectl("diff", "--server-side", "-k", folder)
            #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        }
    }
}
