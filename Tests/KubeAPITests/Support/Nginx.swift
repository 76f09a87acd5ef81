import Foundation
@testable import KubeAPI

/// Debian's nginx with a config of the test's own, in a temp folder, on free 127.0.0.1 ports;
/// stopped by its PID. `servers` is the body of the `http {}` block, with `PORT0`, `PORT1`, ...
/// standing for the ports it was given.
final class Nginx: @unchecked Sendable {
    let directory: TemporaryDirectory
    let ports: [Int]
    private let process: Process

    init(portCount: Int, servers: String, in directory: TemporaryDirectory) throws {
        self.directory = directory
        var lastError: Error = FixtureError("nginx did not start")
        // A free port can be taken by someone else before nginx binds it: then try other ports.
        for _ in 0..<3 {
            do {
                (ports, process) = try Self.launch(portCount: portCount, servers: servers, prefix: directory.file("nginx"))
                return
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func launch(portCount: Int, servers: String, prefix: String) throws -> ([Int], Process) {
        var ports: [Int] = []
        for _ in 0..<portCount { ports.append(try FreePort.next()) }
        var body = servers
        for (index, port) in ports.enumerated().reversed() { body = body.replacingOccurrences(of: "PORT\(index)", with: String(port)) }
        for folder in ["logs", "tmp"] {
            try FileManager.default.createDirectory(atPath: prefix + "/" + folder, withIntermediateDirectories: true)
        }
        try? FileManager.default.removeItem(atPath: prefix + "/nginx.pid")
        let config = """
            user root;
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/logs/error.log warn;
            events { worker_connections 256; }
            http {
                access_log \(prefix)/logs/access.log;
                client_body_temp_path \(prefix)/tmp/body;
                proxy_temp_path \(prefix)/tmp/proxy;
                fastcgi_temp_path \(prefix)/tmp/fastcgi;
                uwsgi_temp_path \(prefix)/tmp/uwsgi;
                scgi_temp_path \(prefix)/tmp/scgi;
                default_type application/json;
            \(body)
            }
            """
        try config.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", prefix, "-c", prefix + "/nginx.conf", "-e", prefix + "/logs/error.log", "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        NginxProcesses.started(process.processIdentifier)
        // nginx writes its pid file only after binding every listen socket.
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOfFile: prefix + "/nginx.pid", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) != String(process.processIdentifier) {
            if !process.isRunning || Date() > deadline {
                let log = (try? String(contentsOfFile: prefix + "/logs/error.log", encoding: .utf8)) ?? ""
                if process.isRunning { kill(process.processIdentifier, SIGTERM) }
                process.waitUntilExit()
                NginxProcesses.stopped(process.processIdentifier)
                throw FixtureError("nginx did not start: \(log)")
            }
            usleep(10_000)
        }
        return (ports, process)
    }

    /// Requests logged so far whose request line contains `fragment`.
    func requestCount(containing fragment: String) -> Int {
        let log = (try? String(contentsOfFile: directory.file("nginx/logs/access.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains(fragment) }.count
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        NginxProcesses.stopped(process.processIdentifier)
    }

    deinit { stop() }
}

/// Every nginx still running, stopped by PID when the test process exits even if a fixture was
/// never released (a test that threw while holding it).
enum NginxProcesses {
    private static let running = Locked(Set<pid_t>())
    private static let registerExitHandler: Void = {
        atexit {
            for pid in NginxProcesses.running.withLock({ $0 }) { kill(pid, SIGTERM) }
        }
    }()

    static func started(_ pid: pid_t) {
        _ = registerExitHandler
        running.withLock { _ = $0.insert(pid) }
    }

    static func stopped(_ pid: pid_t) {
        running.withLock { _ = $0.remove(pid) }
    }
}
