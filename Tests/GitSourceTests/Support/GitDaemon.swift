import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `git daemon` on 127.0.0.1 and a free port, serving a base folder with push enabled.
/// Stop it with `stop()` (by its PID), also when a test fails: use `defer { daemon.stop() }`.
final class GitDaemon: Sendable {
    let port: UInt16
    private let process: Process

    init(basePath: String) throws {
        var lastError: Error?
        for _ in 0..<5 {
            let port = try LoopbackPort.free()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/lib/git-core/git-daemon")
            process.arguments = ["--export-all", "--base-path=\(basePath)", "--enable=receive-pack",
                                 "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", basePath]
            process.environment = Command.gitEnvironment(home: basePath)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if LoopbackPort.waitUntilListening(port, process: process) {
                self.port = port
                self.process = process
                return
            }
            GitDaemon.terminate(process)
            lastError = Command.Failure(description: "git daemon did not start on port \(port)")
        }
        throw lastError!
    }

    /// `git://127.0.0.1:<port>/<name>.git`
    func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name).git" }

    func stop() { GitDaemon.terminate(process) }

    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        // SIGKILL: Foundation starts children with the spawning thread's signal mask, in which
        // SIGTERM may be blocked, so a polite SIGTERM could wait forever.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
