import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// State survives a clean restart and a `kill -9`, with every acknowledged write present.
@Suite struct PersistenceTests {
    @Test func objectsSurviveARestartOnTheSameFolder() async throws {
        let folder = TemporaryFolder.make("restart")
        let first = try await TestCluster.start(dataDirectory: folder)
        try await first.apply(TestManifests.configMap("kept", data: ["a": "1"]))
        _ = try await first.kubectl("label", "cm", "kept", "v=2")
        _ = try await first.kubectl("delete", "cm", "kept", "--dry-run=server")
        try await first.apply(TestManifests.configMap("removed", data: ["a": "1"]))
        _ = try await first.kubectl("delete", "cm", "removed")
        let version = try await first.kubectl("get", "cm", "kept", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        let token = first.server.token
        await first.stop()

        let second = try await TestCluster.start(dataDirectory: folder)
        #expect(second.server.token == token)
        let kept = try await second.kubectl("get", "cm", "kept", "-o", "jsonpath={.metadata.labels.v} {.metadata.resourceVersion}")
        #expect(kept.stdout == "2 \(version)")
        #expect(try await second.kubectl("get", "cm", "removed").status == 1)
        try await second.apply(TestManifests.configMap("later", data: ["a": "1"]))
        let later = try await second.kubectl("get", "cm", "later", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        #expect(Int(later)! > Int(version)!)
        await second.stop()
    }

    @Test func acknowledgedWritesSurviveKill9() async throws {
        let folder = TemporaryFolder.make("kill9")
        let binary = FileManager.default.currentDirectoryPath + "/.build/debug/mooring"
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the mooring binary first")
        let kubeconfig = folder + "/kubeconfig"
        let cache = TemporaryFolder.make("kill9-cache")
        func kubectl(_ arguments: [String], input: String? = nil) async throws -> CommandResult {
            try await Command.run("kubectl", arguments + ["--cache-dir", cache], environment: ["KUBECONFIG": kubeconfig], input: input)
        }
        func startServer() async throws -> BackgroundCommand {
            try? FileManager.default.removeItem(atPath: kubeconfig)
            let server = try await Command.start(binary, ["cluster", "serve", "--data", folder, "--port", "0"])
            let up = try await eventually(timeout: .seconds(60)) {
                guard FileManager.default.fileExists(atPath: kubeconfig) else { return false }
                return try await kubectl(["get", "--raw", "/readyz"]).stdout == "ok"
            }
            #expect(up)
            return server
        }
        var server = try await startServer()
        for index in 0..<20 {
            let created = try await kubectl(["apply", "-f", "-"], input: TestManifests.configMap("cm-\(index)", data: ["i": String(index)]))
            #expect(created.status == 0)
        }
        server.send(SIGKILL)
        _ = await server.stop()
        server = try await startServer()
        let names = try await kubectl(["get", "cm", "-o", "name"]).stdout
        _ = await server.stop()
        for index in 0..<20 { #expect(names.contains("configmap/cm-\(index)\n")) }
    }
}

@Suite struct DataFolderLockTests {
    @Test func aSecondClusterOnTheSameFolderIsRefused() async throws {
        let folder = TemporaryFolder.make("locked")
        let first = try await TestCluster.start(dataDirectory: folder)
        await #expect(throws: LocalClusterError.self) { _ = try await TestCluster.start(dataDirectory: folder) }
        await first.stop()
        let again = try await TestCluster.start(dataDirectory: folder)
        await again.stop()
    }
}
