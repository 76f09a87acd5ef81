import Foundation
import Manifests
import Testing

/// `mooring promote`, run as the built binary against real repositories: a bare repository
/// served by a real `git daemon` on 127.0.0.1 (push enabled), or reached by its path.
@Suite struct PromoteCommandTests {
    static let developImage = "ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"

    @Test func promotesThroughAGitDaemonAsOneCommitTouchingOnlyMaster() throws {
        let repo = try PromoteRepository()
        defer { repo.remove() }
        let daemon = try PromoteGitDaemon(basePath: repo.served)
        defer { daemon.stop() }
        try repo.writeConfig(url: daemon.url)
        let before = try repo.git("rev-parse", "main")

        let run = try PromoteCLI.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master", "--push"])
        #expect(run.status == 0, "\(run.stderr)")
        let after = try repo.git("rev-parse", "main")
        #expect(after != before)
        #expect(run.stdout.contains("committed \(after) on main"))
        #expect(run.stdout.contains("pushed main"))
        #expect(run.stdout.contains("Mooring promotion: develop → master"))

        #expect(try repo.git("rev-list", "--count", "\(before)..main") == "1")
        let touched = try repo.git("diff", "--name-only", before, "main").split(separator: "\n")
        #expect(!touched.isEmpty)
        #expect(touched.allSatisfy { $0.hasPrefix("environments/master/") })
        let message = try repo.git("log", "-1", "--format=%B", "main")
        #expect(message.hasPrefix("Promote develop → master\n\nImages:\n  web: \(Self.developImage) (was ghcr.io/mooring-demo/django-admin@sha256:"))
        #expect(message.contains("Promoted from \(before)."))

        // master now renders develop's image with its own replicas and namespace.
        let render = try PromoteCLI.run(["render", "--config", repo.config, "--env", "master"])
        #expect(render.status == 0, "\(render.stderr)")
        let objects = try YAML.load(render.stdout, file: "stdout").map(\.value)
        let deployment = try #require(objects.first { $0["kind"] == "Deployment" })
        #expect(deployment[path: ["spec", "replicas"]] == 2)
        #expect(deployment[path: ["metadata", "namespace"]] == "django-master")
        #expect(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["image"] == .string(Self.developImage))
        #expect(objects.first { $0["kind"] == "Namespace" }?[path: ["metadata", "name"]] == "django-master")

        // Promoting again: nothing to promote, no commit, exit 0.
        let again = try PromoteCLI.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master", "--push"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("nothing to promote"))
        #expect(try repo.git("rev-parse", "main") == after)
    }

    @Test func onlyAndKeepLimitWhatChanges() throws {
        let repo = try PromoteRepository()
        defer { repo.remove() }
        try repo.writeConfig(url: repo.bare)
        let before = try repo.git("rev-parse", "main")
        let run = try PromoteCLI.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master",
                                      "--only", "deployment/django-admin", "--only", "ConfigMap/django-settings",
                                      "--keep", "ConfigMap:/data/DEBUG", "--promote-replicas", "--push"])
        #expect(run.status == 0, "\(run.stderr)")
        let touched = try repo.git("diff", "--name-only", before, "main").split(separator: "\n")
        #expect(touched.sorted() == ["environments/master/configmap.yaml", "environments/master/deployment.yaml"])
        let configMap = try repo.git("show", "main:environments/master/configmap.yaml")
        #expect(configMap.contains("DEBUG: \"False\""))
        #expect(configMap.contains("develop.django-admin.local"))
        #expect(try repo.git("show", "main:environments/master/deployment.yaml").contains("replicas: 1"))
        #expect(try repo.git("show", "main:environments/master/ingress.yaml").contains("host: django-admin.local"))
    }

    @Test(arguments: ["text", "markdown", "json", "html"])
    func dryRunPrintsEachFormatAndCommitsNothing(format: String) throws {
        let repo = try PromoteRepository()
        defer { repo.remove() }
        try repo.writeConfig(url: repo.bare)
        let before = try repo.git("rev-parse", "main")
        let run = try PromoteCLI.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master",
                                      "--dry-run", "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try repo.git("rev-parse", "main") == before)
        switch format {
        case "json":
            let report = try JSON(parsing: run.stdout)
            #expect(report["kind"] == "promotion")
            #expect(report["hasChanges"] == true)
            let objects = report["environments"]?[0]?["objects"]?.arrayValue ?? []
            #expect(objects.contains { $0["kind"] == "Deployment" && $0["action"] == "configure" })
            #expect(run.stderr.contains("dry run"))
        case "html":
            #expect(run.stdout.contains("<table class=\"summary\">"))
            #expect(run.stdout.contains(Self.developImage))
        case "markdown":
            #expect(run.stdout.contains("| Action | Objects |"))
        default:
            #expect(run.stdout.contains("dry run: would commit 3 file(s) in environments/master on main"))
            #expect(!run.stdout.contains("\u{1B}["), "no colour when piped")
        }
    }

    /// On a terminal (a real pseudo-terminal from util-linux `script`) text is coloured, unless
    /// `--no-color` or `NO_COLOR` says otherwise.
    @Test func colourOnlyOnATerminalAndNotWhenDisabled() throws {
        let repo = try PromoteRepository()
        defer { repo.remove() }
        try repo.writeConfig(url: repo.bare)
        let command = "\(PromoteCLI.binary) promote --config \(repo.config) --from develop --to master --dry-run"
        let escape = "\u{1B}["
        let coloured = try PromoteCLI.exec("/usr/bin/script", ["-qec", command, "/dev/null"], without: ["NO_COLOR"])
        #expect(coloured.status == 0)
        #expect(coloured.stdout.contains(escape))
        let flagged = try PromoteCLI.exec("/usr/bin/script", ["-qec", command + " --no-color", "/dev/null"])
        #expect(flagged.stdout.contains("Configure Deployment.apps django-master/django-admin"))
        #expect(!flagged.stdout.contains(escape))
        let environment = try PromoteCLI.exec("/usr/bin/script", ["-qec", "NO_COLOR=1 " + command, "/dev/null"])
        #expect(environment.stdout.contains("Configure Deployment.apps django-master/django-admin"))
        #expect(!environment.stdout.contains(escape))
    }

    @Test func writesTheReportToAFile() throws {
        let repo = try PromoteRepository()
        defer { repo.remove() }
        try repo.writeConfig(url: repo.bare)
        let file = repo.root + "/report.json"
        let run = try PromoteCLI.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master",
                                      "--dry-run", "--format", "json", "--output", file])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSON(parsing: try String(contentsOfFile: file, encoding: .utf8))
        #expect(report["schemaVersion"] == 1)
        #expect(run.stdout.contains("dry run"))
    }

    @Test func mistakesAreOneLineAndExitTwo() throws {
        let repo = try PromoteRepository()
        defer { repo.remove() }
        try repo.writeConfig(url: repo.bare)
        let cases: [([String], String)] = [
            (["--from", "develop", "--to", "staging"], "no environment \"staging\""),
            (["--from", "develop", "--to", "master", "--keep", "spec/replicas"], "--keep spec/replicas"),
            (["--from", "develop", "--to", "master", "--only", "Deployment/nope"], "--only Deployment/nope"),
        ]
        for (arguments, text) in cases {
            let run = try PromoteCLI.run(["promote", "--config", repo.config] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains(text), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }
}

/// The built `mooring` binary, run as a user runs it.
private enum PromoteCLI {
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

    static func exec(_ executable: String, _ arguments: [String], without removed: [String] = []) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in removed { environment[name] = nil }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "Test"
            environment["GIT_\(role)_EMAIL"] = "test@example.com"
        }
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

/// A bare repository (`served/config.git`) holding the plain-folder sample environments, and a
/// `mooring.yaml` beside it that points at it.
private struct PromoteRepository {
    let root: String
    var served: String { root + "/served" }
    var bare: String { served + "/config.git" }
    var config: String { root + "/mooring.yaml" }

    init() throws {
        let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-promote-\(UUID().uuidString)").path
        let work = root + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: projectRoot.appendingPathComponent("Tests/Fixtures/plain-sample/environments").path, toPath: work + "/environments")
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "sample environments"]] {
            try Self.git(["-C", work] + arguments)
        }
        try Self.git(["clone", "-q", "--bare", work, bare])
    }

    func writeConfig(url: String) throws {
        try """
            repository:
              url: \(url)
            environments:
              develop:
                path: environments/develop
              master:
                path: environments/master
            """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String { try Self.git(["-C", bare] + arguments) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    @discardableResult
    static func git(_ arguments: [String]) throws -> String {
        let result = try PromoteCLI.exec("/usr/bin/git", arguments)
        guard result.status == 0 else { throw PromoteFailure(description: "git \(arguments): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private struct PromoteFailure: Error, CustomStringConvertible { var description: String }

/// `git-daemon` on 127.0.0.1 with push enabled, started directly and stopped by SIGKILL through
/// its PID: processes started from the test runner inherit a blocked SIGTERM.
private final class PromoteGitDaemon {
    let port: Int
    private let process: Process

    var url: String { "git://127.0.0.1:\(port)/config.git" }

    init(basePath: String) throws {
        for _ in 0..<5 {
            let port = try Self.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/lib/git-core/git-daemon")
            process.arguments = ["--export-all", "--base-path=\(basePath)", "--enable=receive-pack", "--reuseaddr",
                                 "--listen=127.0.0.1", "--port=\(port)", basePath]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if Self.waitUntilListening(port, process: process) {
                self.port = port
                self.process = process
                return
            }
            Self.kill(process)
        }
        throw PromoteFailure(description: "git daemon did not start")
    }

    func stop() { Self.kill(process) }

    private static func kill(_ process: Process) {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Connects until the daemon accepts (up to 5 s), or it exits (the port was taken).
    private static func waitUntilListening(_ port: Int, process: Process) -> Bool {
        for _ in 0..<100 {
            guard process.isRunning else { return false }
            if connects(port) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    private static func connects(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PromoteFailure(description: "socket() failed") }
        defer { close(fd) }
        var address = loopback(0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw PromoteFailure(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
