import Foundation
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real smart-HTTP git server on 127.0.0.1 and a free port: a small HTTP/1.1 front end that
/// checks Basic authentication and runs git's own CGI program, `git http-backend`, per request
/// (what nginx + fcgiwrap would do). Push is allowed for the authenticated user.
/// Stop it with `stop()`, also when a test fails: use `defer { server.stop() }`.
final class GitHTTPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let projectRoot: String
    private let expectedAuthorization: String
    private let username: String
    /// git's own CGI program.
    private let backend: String

    static func start(projectRoot: String, username: String, password: String) async throws -> GitHTTPServer {
        try GitHTTPServer(projectRoot: projectRoot, username: username, password: password,
                          backend: try await Git.execPath() + "/git-http-backend")
    }

    private init(projectRoot: String, username: String, password: String, backend: String) throws {
        self.projectRoot = projectRoot
        self.username = username
        self.backend = backend
        self.expectedAuthorization = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        let (fd, port) = try LoopbackPort.listen()
        self.port = UInt16(port)
        listener = fd
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// `http://127.0.0.1:<port>/<name>.git`
    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name).git" }

    /// Stops accepting connections (the accept loop ends when the socket closes).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread.detachNewThread { [self] in
                serve(connection)
                close(connection)
            }
        }
    }

    // MARK: One request per connection (`Connection: close`)

    private func serve(_ connection: Int32) {
        var reader = SocketReader(fd: connection)
        guard let head = reader.readHead() else { return }
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body: Data
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = reader.readChunkedBody()
        } else {
            body = reader.read(count: Int(headers["content-length"] ?? "0") ?? 0)
        }
        guard headers["authorization"] == expectedAuthorization else {
            send(connection, status: "401 Unauthorized", headers: ["WWW-Authenticate: Basic realm=\"git\""], body: Data())
            return
        }
        let target = String(requestLine[1])
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        let query = target.contains("?") ? String(target.split(separator: "?", maxSplits: 1)[1]) : ""
        do {
            let output = try runBackend(method: String(requestLine[0]), path: path, query: query,
                                        contentType: headers["content-type"], contentEncoding: headers["content-encoding"], body: body)
            relayCGI(output, to: connection)
        } catch {
            send(connection, status: "500 Internal Server Error", headers: [], body: Data("\(error)".utf8))
        }
    }

    private func runBackend(method: String, path: String, query: String, contentType: String?, contentEncoding: String?, body: Data) throws -> Data {
        var environment = Git.environment
        environment["GIT_PROJECT_ROOT"] = projectRoot
        environment["GIT_HTTP_EXPORT_ALL"] = "1"
        environment["REQUEST_METHOD"] = method
        environment["PATH_INFO"] = path
        environment["QUERY_STRING"] = query
        environment["CONTENT_TYPE"] = contentType ?? ""
        environment["CONTENT_LENGTH"] = String(body.count)
        environment["REMOTE_USER"] = username
        environment["REMOTE_ADDR"] = "127.0.0.1"
        if let contentEncoding { environment["HTTP_CONTENT_ENCODING"] = contentEncoding }
        let backend = self.backend, input = [UInt8](body), variables = environment
        return Data(try Self.waiting { try await Command.run(backend, [], environment: variables, input: input).output })
    }

    /// Runs async work from a connection's own thread (never one of the cooperative pool's, so
    /// blocking it starves nothing) and waits for its result.
    private static func waiting<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, any Error>?>(nil)
        Task {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await work()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }

    /// Turns CGI output (`Status:` and other headers, blank line, body) into an HTTP response.
    private func relayCGI(_ output: Data, to connection: Int32) {
        let separator = output.range(of: Data("\r\n\r\n".utf8)) ?? output.range(of: Data("\n\n".utf8))
        guard let separator else {
            send(connection, status: "502 Bad Gateway", headers: [], body: output)
            return
        }
        let headerText = String(decoding: output[..<separator.lowerBound], as: UTF8.self)
        var status = "200 OK"
        var headers: [String] = []
        for line in headerText.split(whereSeparator: { $0 == "\r" || $0 == "\n" }) {
            if line.lowercased().hasPrefix("status:") {
                status = line.dropFirst("status:".count).trimmingCharacters(in: .whitespaces)
            } else {
                headers.append(String(line))
            }
        }
        send(connection, status: status, headers: headers, body: Data(output[separator.upperBound...]))
    }

    private func send(_ connection: Int32, status: String, headers: [String], body: Data) {
        var response = "HTTP/1.1 \(status)\r\n"
        for header in headers { response += header + "\r\n" }
        response += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        var data = Data(response.utf8)
        data.append(body)
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// Buffered reads from a socket: the request head, a sized body, or a chunked body.
private struct SocketReader {
    let fd: Int32
    var buffer = Data()

    init(fd: Int32) { self.fd = fd }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    mutating func readHead() -> String? {
        while true {
            if let end = buffer.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                buffer = Data(buffer[end.upperBound...])
                return head
            }
            guard fill() else { return nil }
        }
    }

    mutating func readLine() -> String? {
        while true {
            if let end = buffer.range(of: Data("\r\n".utf8)) {
                let line = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
                buffer = Data(buffer[end.upperBound...])
                return line
            }
            guard fill() else { return nil }
        }
    }

    mutating func read(count: Int) -> Data {
        while buffer.count < count, fill() {}
        let result = Data(buffer.prefix(count))
        buffer = Data(buffer.dropFirst(count))
        return result
    }

    mutating func readChunkedBody() -> Data {
        var body = Data()
        while let sizeLine = readLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) {
            if size == 0 {
                _ = readLine()
                break
            }
            body.append(read(count: size))
            _ = readLine()
        }
        return body
    }
}
