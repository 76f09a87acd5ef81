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
            let port = try GitDaemon.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/lib/git-core/git-daemon")
            process.arguments = ["--export-all", "--base-path=\(basePath)", "--enable=receive-pack",
                                 "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", basePath]
            process.environment = Command.gitEnvironment(home: basePath)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if GitDaemon.waitUntilListening(port: port, process: process) {
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

    /// A port the kernel just handed out for 127.0.0.1 (bound to port 0, then released).
    static func freePort() throws -> UInt16 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Command.Failure(description: "socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        guard bound == 0 else { throw Command.Failure(description: "bind() failed") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Whether something accepts TCP connections on the port (polled for up to 5 seconds).
    static func isListening(port: UInt16) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func waitUntilListening(port: UInt16, process: Process) -> Bool {
        for _ in 0..<100 {
            if !process.isRunning { return false }
            if isListening(port: port) { return true }
            usleep(50_000)
        }
        return false
    }
}
