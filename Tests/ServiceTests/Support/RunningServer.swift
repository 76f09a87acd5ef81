import Foundation
import Logging
import Reconciler
import Synchronization
import TestSupport
@testable import Service

/// Records what webhooks asked the loop to reconcile.
final class TriggerRecorder: ReconcileTrigger {
    private let requests = Mutex<[[String]]>([])
    func reconcileSoon(_ environments: [String], reason: String) { requests.withLock { $0.append(environments) } }
    var recorded: [[String]] { requests.withLock { $0 } }
}

/// A `ServiceServer` on a free loopback port in this process, stopped by `stop()`.
struct RunningServer {
    let task: Task<Void, Error>
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    static func start(_ providers: [any RouteProvider]) async throws -> RunningServer {
        let server = ServiceServer(address: ListenAddress("127.0.0.1:0")!, providers: providers, logger: Logger(label: "test"))
        let task = Task { try await server.run() }
        guard let port = await server.boundPort.wait() else {
            task.cancel()
            throw ServerStartError()
        }
        return RunningServer(task: task, port: port)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// curl: the body and the HTTP status.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil,
                 chunked: Bool = false) async throws -> CommandResult {
        var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", base + path]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        var file: String?
        if let body {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-body-\(UUID().uuidString)").path
            FileManager.default.createFile(atPath: path, contents: Data(body))
            file = path
            arguments += ["--data-binary", "@" + path, "-H", "Content-Type: application/json"]
            if chunked { arguments += ["-H", "Transfer-Encoding: chunked"] }
        }
        defer { if let file { try? FileManager.default.removeItem(atPath: file) } }
        return try await Command.run("curl", arguments, environment: [:], input: nil)
    }
}

struct ServerStartError: Error {}

extension CommandResult {
    /// The body without the line end the server's text answers carry.
    var text: String { httpBody.trimmingCharacters(in: .newlines) }
}
