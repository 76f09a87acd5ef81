import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// The install-manifest fixtures (Tests/Fixtures/install-manifests, shaped like published installs)
/// through `kubectl apply --server-side`: each becomes ready, a second apply writes nothing, and
/// `kubectl diff --server-side` exits 0, as against a real 1.32 server.
@Suite(.serialized) struct InstallManifestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/install-manifests").path
    static let fixtures = ["edge-router", "cert-keeper", "metrics-stack", "shipyard", "storefront"]

    @Test(arguments: fixtures)
    func appliesServerSideBecomesReadyAndStaysInSync(fixture: String) async throws {
        let folder = Self.root + "/" + fixture
        try await withCluster(timeScale: 20) { cluster in
            let applied = try await cluster.kubectl("apply", "--server-side", "-f", folder)
            #expect(applied.status == 0, "\(applied.stderr)")
            try await Self.waitUntilReady(fixture, cluster: cluster)
            // What an apply writes: the spec (generation) and kubectl's Apply entry in managedFields
            // (its time moves with any change). Not the resourceVersion: a CronJob's controller
            // may record a schedule meanwhile (a minute is 3 s at 20×).
            let written = #"jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.generation},{.metadata.managedFields[?(@.manager=="kubectl")].time} {end}"#
            let before = try await cluster.kubectl("get", "-f", folder, "-o", written)
            #expect(before.stdout.contains("Z "), "kubectl's Apply entries are read: \(before.stdout)")
            let again = try await cluster.kubectl("apply", "--server-side", "-f", folder)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(" serverside-applied") })
            let after = try await cluster.kubectl("get", "-f", folder, "-o", written)
            #expect(before.stdout == after.stdout, "a second apply wrote objects")
            let diff = try await cluster.kubectl("diff", "--server-side", "-f", folder)
            #expect(diff.status == 0, "\(diff.stdout.prefix(2000))\(diff.stderr)")
        }
    }

    /// The fixture's workloads rolled out, Jobs complete, CRDs established, APIServices available.
    static func waitUntilReady(_ fixture: String, cluster: TestCluster) async throws {
        let namespace = fixture
        func wait(_ arguments: String...) async throws {
            let result = try await cluster.kubectl(arguments + ["--timeout=60s"])
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let kinds = try await cluster.kubectl("get", "-f", root + "/" + fixture, "-o", "jsonpath={range .items[*]}{.kind}/{.metadata.name} {end}")
        for entry in kinds.stdout.split(separator: " ").map(String.init) {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "Deployment", "StatefulSet", "DaemonSet":
                try await wait("rollout", "status", "\(parts[0].lowercased())/\(parts[1])", "-n", namespace)
            case "Job": try await wait("wait", "--for=condition=Complete", "job/\(parts[1])", "-n", namespace)
            case "CustomResourceDefinition": try await wait("wait", "--for=condition=Established", "crd/\(parts[1])")
            case "APIService": try await wait("wait", "--for=condition=Available", "apiservice/\(parts[1])")
            case "HorizontalPodAutoscaler":
                let active = try await eventually(timeout: 60) {
                    try await cluster.kubectl("get", "hpa", parts[1], "-n", namespace, "-o",
                                              #"jsonpath={.status.conditions[?(@.type=="ScalingActive")].status}"#).stdout == "True"
                }
                #expect(active, "hpa/\(parts[1])")
            default: break
            }
        }
    }
}
