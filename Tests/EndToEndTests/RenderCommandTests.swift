import Foundation
import Manifests
import Testing

/// `mooring version` and `mooring render`, run as the built binary against real git repositories
/// (a local path and a `git daemon` on 127.0.0.1).
@Suite struct RenderCommandTests {
    @Test func versionNamesTheLibrariesAndTransports() throws {
        let run = try CLI.run(["version"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("libgit2 1."))
        #expect(run.stdout.contains("transports:"))
        #expect(run.stdout.contains("libyaml 0."))
    }

    @Test func rendersBothSampleEnvironmentsFromACommit() throws {
        let repo = try SampleRepository()
        for environment in ["develop", "master"] {
            let summary = try CLI.run(["render", "--config", repo.config, "--env", environment, "--summary"])
            #expect(summary.status == 0, "\(summary.stderr)")
            let lines = summary.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(lines.count == 6)
            #expect(lines.contains { $0.hasPrefix("Deployment.apps django-\(environment)/django-admin") })

            // The YAML output reads back to exactly the objects of the files on disk.
            let yaml = try CLI.run(["render", "--config", repo.config, "--env", environment])
            let rendered = try YAML.load(yaml.stdout, file: "stdout").map(\.value)
            let onDisk = try ManifestRenderer.render(
                directory: repo.root, environmentPath: "environments/\(environment)").objects.map(\.object)
            #expect(rendered == onDisk)
        }
        let master = try CLI.run(["render", "--config", repo.config, "--env", "master"])
        #expect(master.stdout.contains("replicas: 2"))
        #expect(master.stdout.contains("@sha256:"))
    }

    @Test func rendersAnEarlierRevision() throws {
        let repo = try SampleRepository()
        let first = try repo.git("rev-parse", "HEAD")
        try repo.write("environments/develop/deployment.yaml",
                       try repo.read("environments/develop/deployment.yaml").replacingOccurrences(of: "4.2.16-rc.3", with: "4.2.16"))
        try repo.commit("develop: 4.2.16")

        let now = try CLI.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(now.stdout.contains("django-admin:4.2.16\n"))
        let then = try CLI.run(["render", "--config", repo.config, "--env", "develop", "--revision", first])
        #expect(then.status == 0)
        #expect(then.stdout.contains("django-admin:4.2.16-rc.3"))
    }

    @Test func warnsAboutAYAML11BooleanInAConfigMapWithItsLine() throws {
        let repo = try SampleRepository()
        try repo.write("environments/develop/flags.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: flags
              namespace: django-develop
            data:
              ENABLE_SIGNUP: yes
            """)
        try repo.commit("flags")
        let run = try CLI.run(["render", "--config", repo.config, "--env", "develop", "--summary"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("environments/develop/flags.yaml:7"))
        #expect(run.stderr.lowercased().contains("quote"))
    }

    @Test func invalidYAMLIsOneErrorNamingFileAndLine() throws {
        let repo = try SampleRepository()
        try repo.write("environments/develop/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n")
        try repo.commit("broken")
        let run = try CLI.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: environments/develop/broken.yaml:"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func aDuplicateObjectNamesBothPlaces() throws {
        let repo = try SampleRepository()
        try repo.write("environments/develop/again.yaml", try repo.read("environments/develop/configmap.yaml"))
        try repo.commit("duplicate")
        let run = try CLI.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("environments/develop/again.yaml:"))
        #expect(run.stderr.contains("environments/develop/configmap.yaml:"))
    }

    @Test func badReferencesAndRepositoriesAreClearErrors() throws {
        let repo = try SampleRepository()
        let unknownRef = try CLI.run(["render", "--config", repo.config, "--env", "develop", "--revision", "no-such-branch"])
        #expect(unknownRef.status == 2)
        #expect(unknownRef.stderr.contains("no-such-branch"))

        let unknownEnv = try CLI.run(["render", "--config", repo.config, "--env", "staging"])
        #expect(unknownEnv.status == 2)
        #expect(unknownEnv.stderr == "error: no environment \"staging\" in \(repo.config) (it has: develop, master)\n")

        let port = try LoopbackPort.pick()
        try repo.writeConfig(url: "git://127.0.0.1:\(port)/missing.git")
        let unreachable = try CLI.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("git://127.0.0.1:\(port)/missing.git"))
    }

    @Test func rendersFromAGitDaemon() throws {
        let repo = try SampleRepository()
        let served = repo.root + "-served"
        _ = try CLI.exec("/usr/bin/git", ["clone", "-q", "--bare", repo.root, served + "/config.git"])
        let port = try LoopbackPort.pick()
        let daemon = Process()
        // git-daemon itself, not the `git daemon` wrapper, stopped by SIGKILL: processes started
        // from the test runner inherit a blocked SIGTERM.
        daemon.executableURL = URL(fileURLWithPath: "/usr/lib/git-core/git-daemon")
        daemon.arguments = ["--export-all", "--base-path=\(served)", "--reuseaddr",
                            "--listen=127.0.0.1", "--port=\(port)", served]
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }

        try repo.writeConfig(url: "git://127.0.0.1:\(port)/config.git")
        var run = try CLI.run(["render", "--config", repo.config, "--env", "master", "--summary"])
        for _ in 0..<50 where run.status != 0 {  // the daemon may take a moment to listen
            Thread.sleep(forTimeInterval: 0.1)
            run = try CLI.run(["render", "--config", repo.config, "--env", "master", "--summary"])
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Namespace django-master"))
    }
}

/// The built `mooring` binary, run as a user runs it.
private enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/mooring").path
    }

    static func run(_ arguments: [String]) throws -> Result { try exec(binary, arguments) }

    static func exec(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary git repository holding a copy of the plain-folder sample environments and a
/// `mooring.yaml` that points at it.
private struct SampleRepository {
    let root: String
    var config: String { root + "/mooring.yaml" }

    init() throws {
        let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-render-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: projectRoot.appendingPathComponent("Tests/Fixtures/plain-sample/environments").path, toPath: root + "/environments")
        _ = try git("init", "-q", "-b", "main")
        try writeConfig(url: ".")
        try commit("sample environments")
    }

    func writeConfig(url: String) throws {
        try write("mooring.yaml", """
            repository:
              url: \(url)
            environments:
              develop:
                path: environments/develop
              master:
                path: environments/master
            """)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
    }

    func commit(_ message: String) throws {
        _ = try git("add", "-A")
        _ = try git("commit", "-q", "-m", message)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let result = try CLI.exec("/usr/bin/git", ["-C", root] + arguments)
        guard result.status == 0 else { throw CLIFailure(description: "git \(arguments): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private struct CLIFailure: Error, CustomStringConvertible { var description: String }
