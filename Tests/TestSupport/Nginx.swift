/// Debian's nginx with a configuration of the test's own, in a folder of its own, on free
/// 127.0.0.1 ports; stopped by its PID. `servers` is the body of the `http {}` block, with
/// `PORT0`, `PORT1`, … standing for the ports it was given.
public final class Nginx: Sendable {
    public let ports: [Int]
    public let prefix: String
    private let process: BackgroundCommand

    public static func start(portCount: Int, servers: String, in folder: TemporaryFolder) async throws -> Nginx {
        let prefix = try folder.folder("nginx")
        var lastError: any Error = FixtureError("nginx did not start")
        // A free port can be taken by someone else before nginx binds it: then try other ports.
        for _ in 0..<3 {
            var ports: [Int] = []
            for _ in 0..<portCount { ports.append(try LoopbackPort.free()) }
            try folder.write("nginx/nginx.conf", configuration(servers: servers, ports: ports, prefix: prefix))
            for name in ["logs/error.log", "logs/access.log"] { try folder.write("nginx/" + name, "") }
            let process = try await Command.start("nginx", ["-p", prefix, "-c", prefix + "/nginx.conf", "-e", prefix + "/logs/error.log",
                                                            "-g", "daemon off;"])
            var listening = true
            for port in ports where !(await LoopbackPort.waitUntilListening(port, process: process)) { listening = false }
            if listening { return Nginx(ports: ports, prefix: prefix, process: process) }
            await process.stop()
            lastError = FixtureError("nginx did not start: \((try? folder.read("nginx/logs/error.log")) ?? "")")
        }
        throw lastError
    }

    private init(ports: [Int], prefix: String, process: BackgroundCommand) {
        self.ports = ports
        self.prefix = prefix
        self.process = process
    }

    private static func configuration(servers: String, ports: [Int], prefix: String) -> String {
        var body = servers
        for (index, port) in ports.enumerated().reversed() { body = body.replacingOccurrences(of: "PORT\(index)", with: String(port)) }
        // `user root`: when the tests run as root (CI), workers keep the rights to the test's files.
        return """
            user root;
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/logs/error.log warn;
            events { worker_connections 256; }
            http {
                access_log \(prefix)/logs/access.log;
                client_body_temp_path \(prefix)/body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                default_type application/json;
            \(body)
            }
            """
    }

    /// Requests logged so far whose request line contains `fragment`.
    public func requestCount(containing fragment: String) -> Int {
        let log = (try? String(contentsOfFile: prefix + "/logs/access.log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains(fragment) }.count
    }

    /// Stops it (master and workers) by its PID.
    public func stop() { process.kill() }
}
