import Foundation
import Testing
@testable import LocalCluster
import Manifests

/// The bundled kubectl 1.28 and 1.33 against the same server (discovery, apply, SSA, get).
@Suite struct KubectlVersionsTests {
    static let binaries = ["/usr/lib/google-cloud-sdk/bin/kubectl.1.28", "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"]

    @Test(arguments: binaries)
    func olderAndNewerKubectlWork(binary: String) async throws {
        try await withCluster { cluster in
            #expect(FileManager.default.isExecutableFile(atPath: binary))
            let version = try await cluster.kubectl(["version"], binary: binary)
            #expect(version.stdout.contains("Server Version: v1.32.0"), "\(version.stderr)")
            let applied = try await cluster.kubectl(["apply", "-f", "-"], binary: binary,
                                                    input: TestManifests.configMap("v", data: ["a": "1"]))
            #expect(applied.stdout == "configmap/v created\n", "\(applied.stderr)")
            let updated = try await cluster.kubectl(["apply", "-f", "-"], binary: binary,
                                                    input: TestManifests.configMap("v", data: ["a": "2"]))
            #expect(updated.stdout == "configmap/v configured\n", "\(updated.stderr)")
            let ssa = try await cluster.kubectl(["apply", "--server-side", "-f", "-"], binary: binary,
                                                input: TestManifests.deployment("d"))
            #expect(ssa.stdout == "deployment.apps/d serverside-applied\n", "\(ssa.stderr)")
            let table = try await cluster.kubectl(["get", "cm", "v"], binary: binary)
            #expect(table.stdout.hasPrefix("NAME   DATA   AGE"))
            let missing = try await cluster.kubectl(["get", "cm", "nope"], binary: binary)
            #expect(missing.stderr.contains(#"configmaps "nope" not found"#))
        }
    }
}
