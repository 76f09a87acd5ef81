import ChildProcess
import Foundation

/// git's own smart-HTTP server, `git http-backend`, behind Debian's nginx with basic
/// authentication (as a team would host a config repository), through `fcgiwrap`, on a free
/// 127.0.0.1 port. While `failing` is set, nginx answers every request with 500. Stop it with
/// `stop()` (both processes by their process groups).
final class GitOverNginx: Sendable {
    let port: Int
    let folder: String
    private let nginx: RunningChild
    private let fcgiwrap: RunningChild

    /// - Parameters:
    ///   - projectRoot: the folder holding `config.git`.
    static func start(projectRoot: String, username: String, password: String) async throws -> GitOverNginx {
        let folder = TemporaryFolder.make("nginx-git")
        for sub in ["logs", "tmp"] { try FileManager.default.createDirectory(atPath: folder + "/" + sub, withIntermediateDirectories: true) }
        var hash = ChildProcess("openssl", ["passwd", "-apr1", password])
        hash.timeout = .seconds(30)
        let hashed = try await hash.run().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try "\(username):\(hashed)\n".write(toFile: folder + "/htpasswd", atomically: true, encoding: .utf8)
        let socket = folder + "/fcgiwrap.sock"
        let fcgiwrap = try await ChildProcess("fcgiwrap", ["-s", "unix:" + socket]).start()
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) { try await Task.sleep(for: .milliseconds(25)) }
        var lastError: (any Error)?
        for _ in 0..<3 {
            let port = try LoopbackPort.pick()
            try config(folder: folder, port: port, socket: socket, projectRoot: projectRoot)
                .write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
            let nginx = try await ChildProcess("nginx", ["-p", folder, "-c", folder + "/nginx.conf", "-e", folder + "/logs/error.log",
                                                          "-g", "daemon off;"]).start()
            do {
                try await LoopbackPort.waitUntilListening(port)
                return GitOverNginx(port: port, folder: folder, nginx: nginx, fcgiwrap: fcgiwrap)
            } catch {
                lastError = error
                await nginx.stop()
            }
        }
        await fcgiwrap.stop()
        throw lastError ?? FixtureError("nginx did not start")
    }

    private init(port: Int, folder: String, nginx: RunningChild, fcgiwrap: RunningChild) {
        self.port = port
        self.folder = folder
        self.nginx = nginx
        self.fcgiwrap = fcgiwrap
    }

    /// `http://127.0.0.1:<port>/config.git`
    var url: String { "http://127.0.0.1:\(port)/config.git" }

    /// While set, every request is answered with 500 Internal Server Error.
    var failing: Bool {
        get { FileManager.default.fileExists(atPath: folder + "/fail") }
        set {
            if newValue { FileManager.default.createFile(atPath: folder + "/fail", contents: nil) }
            else { try? FileManager.default.removeItem(atPath: folder + "/fail") }
        }
    }

    /// The request lines nginx logged (path and query), to see what a client sent.
    var accessLog: String { (try? String(contentsOfFile: folder + "/logs/access.log", encoding: .utf8)) ?? "" }

    func stop() async {
        await nginx.stop()
        await fcgiwrap.stop()
    }

    private static func config(folder: String, port: Int, socket: String, projectRoot: String) -> String {
        """
        user root;
        worker_processes 1;
        pid \(folder)/nginx.pid;
        error_log \(folder)/logs/error.log warn;
        events { worker_connections 64; }
        http {
            access_log \(folder)/logs/access.log;
            client_body_temp_path \(folder)/tmp/body;
            fastcgi_temp_path \(folder)/tmp/fastcgi;
            proxy_temp_path \(folder)/tmp/proxy;
            uwsgi_temp_path \(folder)/tmp/uwsgi;
            scgi_temp_path \(folder)/tmp/scgi;
            server {
                listen 127.0.0.1:\(port);
                location / {
                    if (-f \(folder)/fail) { return 500; }
                    auth_basic "config repository";
                    auth_basic_user_file \(folder)/htpasswd;
                    include /etc/nginx/fastcgi_params;
                    fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
                    fastcgi_param GIT_PROJECT_ROOT \(projectRoot);
                    fastcgi_param GIT_HTTP_EXPORT_ALL "";
                    fastcgi_param REMOTE_USER $remote_user;
                    fastcgi_param PATH_INFO $uri;
                    fastcgi_pass unix:\(socket);
                }
            }
        }
        """
    }
}
