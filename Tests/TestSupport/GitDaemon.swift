/// A real `git daemon` on 127.0.0.1 and a free port, serving the repositories of a base folder
/// with push enabled. Stop it with `stop()` (by its PID), also when a test fails.
public final class GitDaemon: Sendable {
    public let port: Int
    private let process: BackgroundCommand

    public static func start(basePath: String) async throws -> GitDaemon {
        // The daemon program itself, not the `git` wrapper, so that its PID is the one to stop.
        let daemon = try await Git.execPath() + "/git-daemon"
        var lastError: any Error = FixtureError("git daemon did not start")
        for _ in 0..<5 {
            let port = try LoopbackPort.free()
            let process = try await Command.start(daemon, ["--export-all", "--base-path=\(basePath)", "--enable=receive-pack",
                                                           "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", basePath],
                                                  environment: Git.environment)
            if await LoopbackPort.waitUntilListening(port, process: process) { return GitDaemon(port: port, process: process) }
            let output = await process.stop()
            lastError = FixtureError("git daemon did not start on port \(port): \(output.stderr)")
        }
        throw lastError
    }

    private init(port: Int, process: BackgroundCommand) {
        self.port = port
        self.process = process
    }

    /// `git://127.0.0.1:<port>/<name>.git`
    public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name).git" }

    /// Stops it by its PID.
    public func stop() { process.kill() }
}
