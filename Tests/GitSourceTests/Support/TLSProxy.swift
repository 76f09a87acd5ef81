import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// nginx on 127.0.0.1 terminating TLS with a certificate from a throw-away CA (made with the
/// `openssl` CLI) and proxying to a plain-HTTP server on loopback. Stop it with `stop()`.
final class TLSProxy: Sendable {
    let port: UInt16
    /// The CA certificate (PEM) that signed the server certificate.
    let caCertificate: String
    private let process: Process

    init(folder: String, backendPort: UInt16) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        caCertificate = folder + "/ca.crt"
        try TLSProxy.makeCertificates(in: folder)
        var lastError: Error?
        for _ in 0..<5 {
            let port = try LoopbackPort.free()
            let configuration = folder + "/nginx.conf"
            try TLSProxy.configuration(folder: folder, port: port, backendPort: backendPort)
                .write(toFile: configuration, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
            process.arguments = ["-p", folder, "-c", configuration, "-e", folder + "/error.log"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if LoopbackPort.waitUntilListening(port, process: process) {
                self.port = port
                self.process = process
                return
            }
            TLSProxy.terminate(process)
            lastError = Command.Failure(description: "nginx did not start on port \(port): "
                + ((try? String(contentsOfFile: folder + "/error.log", encoding: .utf8)) ?? ""))
        }
        throw lastError!
    }

    /// `https://127.0.0.1:<port>/<name>.git`
    func url(_ name: String) -> String { "https://127.0.0.1:\(port)/\(name).git" }

    func stop() { TLSProxy.terminate(process) }

    /// nginx's master waits for signals with an empty mask, so SIGTERM (fast shutdown of master
    /// and workers) reaches it even when the spawning thread blocked it.
    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// The server certificate names 127.0.0.1 as an IP and also as a DNS name: Debian's libgit2
    /// verifies hosts with mbedTLS 2, which only matches DNS names.
    private static func makeCertificates(in folder: String) throws {
        let openssl = "/usr/bin/openssl"
        try Command.run(openssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                                  "-days", "2", "-subj", "/CN=Mooring Test CA",
                                  "-addext", "basicConstraints=critical,CA:TRUE",
                                  "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: folder)
        try Command.run(openssl, ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                                  "-subj", "/CN=127.0.0.1"], in: folder)
        try "subjectAltName=DNS:127.0.0.1,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: folder + "/server.ext", atomically: true, encoding: .utf8)
        try Command.run(openssl, ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                                  "-out", "server.crt", "-days", "2", "-extfile", "server.ext"], in: folder)
    }

    private static func configuration(folder: String, port: UInt16, backendPort: UInt16) -> String {
        """
        worker_processes 1;
        daemon off;
        pid \(folder)/nginx.pid;
        error_log \(folder)/error.log;
        events { worker_connections 64; }
        http {
            access_log off;
            client_body_temp_path \(folder)/client_body;
            proxy_temp_path \(folder)/proxy;
            fastcgi_temp_path \(folder)/fastcgi;
            uwsgi_temp_path \(folder)/uwsgi;
            scgi_temp_path \(folder)/scgi;
            server {
                listen 127.0.0.1:\(port) ssl;
                ssl_certificate \(folder)/server.crt;
                ssl_certificate_key \(folder)/server.key;
                client_max_body_size 0;
                location / {
                    proxy_pass http://127.0.0.1:\(backendPort);
                    proxy_http_version 1.1;
                }
            }
        }
        """
    }
}
