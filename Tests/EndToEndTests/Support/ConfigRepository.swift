import Foundation
import TestSupport

/// A config repository served by a real `git daemon` on 127.0.0.1 (push enabled), with a
/// working clone the test commits from — as a team's config repository would be. Stop it with
/// `stop()` (the daemon is killed by its PID).
final class ConfigRepository: @unchecked Sendable {
    let root: String
    let work: String
    let port: Int
    private let daemon: Process

    /// `git://127.0.0.1:<port>/config.git`
    var url: String { "git://127.0.0.1:\(port)/config.git" }

    /// A repository whose first commit holds `environments` (copied from the given folder).
    static func create(copying environments: String) async throws -> ConfigRepository {
        let root = TemporaryFolder.make("git")
        let bare = root + "/config.git"
        let work = root + "/work"
        try await git(["init", "--bare", "-b", "main", bare], in: root)
        try await git(["init", "-b", "main", work], in: root)
        try FileManager.default.copyItem(atPath: environments, toPath: work + "/environments")
        try await git(["add", "-A"], in: work)
        try await git(["commit", "-m", "Initial environments"], in: work)
        try await git(["remote", "add", "origin", bare], in: work)
        try await git(["push", "origin", "main"], in: work)

        let port = try LoopbackPort.pick()
        // The daemon binary itself, not the `git` wrapper, so that its PID is the one to stop.
        let execPath = try await git(["--exec-path"], in: root).trimmingCharacters(in: .whitespacesAndNewlines)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: execPath + "/git-daemon")
        daemon.arguments = ["--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", "--base-path=\(root)",
                            "--export-all", "--enable=receive-pack", root]
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        let repository = ConfigRepository(root: root, work: work, port: port, daemon: daemon)
        do {
            try await LoopbackPort.waitUntilListening(port)
        } catch {
            repository.stop()
            throw error
        }
        try await git(["remote", "set-url", "origin", repository.url], in: work)
        return repository
    }

    private init(root: String, work: String, port: Int, daemon: Process) {
        self.root = root
        self.work = work
        self.port = port
        self.daemon = daemon
    }

    func stop() {
        guard daemon.isRunning else { return }
        // SIGKILL: a daemon started from a process with SIGTERM blocked would ignore SIGTERM.
        kill(daemon.processIdentifier, SIGKILL)
        for _ in 0..<200 where daemon.isRunning { usleep(10_000) }
    }

    /// Writes (or, with `nil`, deletes) files relative to the working clone, commits and pushes.
    @discardableResult
    func commit(_ message: String, files: [String: String?]) async throws -> String {
        for (path, content) in files {
            let full = work + "/" + path
            if let content {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try content.write(toFile: full, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.removeItem(atPath: full)
            }
        }
        try await Self.git(["add", "-A"], in: work)
        try await Self.git(["commit", "-m", message], in: work)
        return try await pushHead()
    }

    /// `git revert` of a commit, pushed.
    @discardableResult
    func revert(_ commit: String) async throws -> String {
        try await Self.git(["revert", "--no-edit", commit], in: work)
        return try await pushHead()
    }

    /// Pulls what others (mooring's `revertInGit`) pushed.
    func pull() async throws {
        try await Self.git(["pull", "--ff-only", "origin", "main"], in: work)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: work + "/" + path, encoding: .utf8)
    }

    func headMessage() async throws -> String {
        try await Self.git(["log", "-1", "--format=%B"], in: work)
    }

    private func pushHead() async throws -> String {
        try await Self.git(["push", "origin", "main"], in: work)
        return try await Self.git(["rev-parse", "HEAD"], in: work).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: String) async throws -> String {
        let result = try await Command.run("git", (arguments == ["--exec-path"] ? [] : ["-C", directory]) + arguments, environment: [
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        ], input: nil)
        guard result.status == 0 else {
            throw FixtureError("git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum LoopbackPort {
    /// A port the kernel just handed out for 127.0.0.1 (bound to port 0, then released).
    static func pick() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw FixtureError("socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        guard bound == 0 else { throw FixtureError("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { throw FixtureError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on 127.0.0.1:`port`.
    static func waitUntilListening(_ port: Int, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(socketFD)
            if connected == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw FixtureError("nothing listens on 127.0.0.1:\(port)")
    }
}

enum TemporaryFolder {
    static func make(_ prefix: String) -> String {
        let path = NSTemporaryDirectory() + "mooring-e2e-\(prefix)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
