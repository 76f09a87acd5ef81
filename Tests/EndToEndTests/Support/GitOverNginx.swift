import Foundation
import TestSupport

/// git's own smart-HTTP server, `git http-backend`, behind Debian's nginx with basic
/// authentication (as a team would host a config repository), through `fcgiwrap`, on a free
/// 127.0.0.1 port. While `failing` is set, nginx answers every request with 500. Stop it with
/// `stop()` (both processes by their process groups).
final class GitOverNginx: Sendable {
    let folder: TemporaryFolder
    private let nginx: Nginx
    private let fcgiwrap: BackgroundCommand

    var port: Int { nginx.ports[0] }

    /// - Parameters:
    ///   - projectRoot: the folder holding `config.git`.
    static func start(projectRoot: String, username: String, password: String) async throws -> GitOverNginx {
        let folder = try TemporaryFolder("nginx-git")
        let hashed = try await Command.check("openssl", ["passwd", "-apr1", password], timeout: .seconds(30))
        try folder.write("htpasswd", "\(username):\(hashed)\n")
        let socket = folder.file("fcgiwrap.sock")
        let fcgiwrap = try await Command.start("fcgiwrap", ["-s", "unix:" + socket])
        guard try await eventually(timeout: .seconds(10), { FileManager.default.fileExists(atPath: socket) }) else {
            fcgiwrap.kill()
            throw FixtureError("fcgiwrap did not open \(socket)")
        }
        do {
            let nginx = try await Nginx.start(portCount: 1, servers: """
                server {
                    listen 127.0.0.1:PORT0;
                    location / {
                        if (-f \(folder.file("fail"))) { return 500; }
                        auth_basic "config repository";
                        auth_basic_user_file \(folder.file("htpasswd"));
                        include /etc/nginx/fastcgi_params;
                        fastcgi_param SCRIPT_FILENAME \(try await Git.execPath())/git-http-backend;
                        fastcgi_param GIT_PROJECT_ROOT \(projectRoot);
                        fastcgi_param GIT_HTTP_EXPORT_ALL "";
                        fastcgi_param REMOTE_USER $remote_user;
                        fastcgi_param PATH_INFO $uri;
                        fastcgi_pass unix:\(socket);
                    }
                }
                """, in: folder)
            return GitOverNginx(folder: folder, nginx: nginx, fcgiwrap: fcgiwrap)
        } catch {
            fcgiwrap.kill()
            throw error
        }
    }

    private init(folder: TemporaryFolder, nginx: Nginx, fcgiwrap: BackgroundCommand) {
        self.folder = folder
        self.nginx = nginx
        self.fcgiwrap = fcgiwrap
    }

    /// `http://127.0.0.1:<port>/config.git`
    var url: String { "http://127.0.0.1:\(port)/config.git" }

    /// While set, every request is answered with 500 Internal Server Error.
    var failing: Bool {
        get { FileManager.default.fileExists(atPath: folder.file("fail")) }
        set {
            if newValue { FileManager.default.createFile(atPath: folder.file("fail"), contents: nil) }
            else { try? FileManager.default.removeItem(atPath: folder.file("fail")) }
        }
    }

    /// The request lines nginx logged (path and query), to see what a client sent.
    var accessLog: String { (try? String(contentsOfFile: nginx.prefix + "/logs/access.log", encoding: .utf8)) ?? "" }

    func stop() async {
        nginx.stop()
        fcgiwrap.kill()
    }
}
