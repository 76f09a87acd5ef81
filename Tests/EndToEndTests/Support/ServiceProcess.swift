import ChildProcess
import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// One `mooring run --listen` process on a free loopback port, against the harness's cluster
/// (through its kubeconfig) and config repository. Stopped by its PID: `terminate()` (SIGTERM,
/// as Kubernetes stops a pod), `kill()` (SIGKILL, a crash), or `stop()` in any case.
struct ServiceProcess {
    static let webhookSecret = "e2e-webhook-secret"

    let child: RunningChild
    let port: Int
    /// Its `--cache-dir` (the config repository's mirror is in there).
    let cacheFolder: String
    var base: String { "http://127.0.0.1:\(port)" }

    /// A configuration for the harness: `environments` (name → YAML body lines), the given poll
    /// interval, and a GitHub webhook whose secret comes from an environment variable.
    static func configuration(_ harness: Harness, interval: String, environments: [String: String], lease: String? = nil) -> String {
        var text = """
            repository:
              url: \(harness.repository.url)
              interval: \(interval)
            environments:

            """
        for (name, body) in environments.sorted(by: { $0.key < $1.key }) {
            text += "  \(name):\n    cluster: {kubeconfig: \(harness.cluster.kubeconfigPath)}\n"
            text += body.split(separator: "\n").map { "    \($0)\n" }.joined()
        }
        text += """
            server:
              webhooks:
                github: {secretEnv: MOORING_E2E_HOOK}

            """
        if let lease { text += "  lease: \(lease)\n" }
        return text
    }

    static func start(_ harness: Harness, configuration: String, name: String = "mooring", extraEnvironment: [String: String] = [:]) async throws -> ServiceProcess {
        try await start(configuration: configuration, name: name, extraEnvironment: extraEnvironment)
    }

    /// The same for a configuration that names its clusters and repository itself.
    static func start(configuration: String, name: String = "mooring", extraEnvironment: [String: String] = [:]) async throws -> ServiceProcess {
        let folder = TemporaryFolder.make("service-\(name)")
        let file = folder + "/mooring.yaml"
        try configuration.write(toFile: file, atomically: true, encoding: .utf8)
        let port = try LoopbackPort.free()
        var request = ChildProcess(MooringBinary.path, [
            "run", "--listen", "127.0.0.1:\(port)", "--config", file, "--cache-dir", folder + "/cache", "--log-format", "json",
        ])
        var environment: [String: String?] = ["MOORING_E2E_HOOK": webhookSecret, "POD_NAME": name]
        for (key, value) in extraEnvironment { environment[key] = value }
        request.environment = environment
        request.outputLimit = 256 << 20
        request.gracePeriod = .seconds(60)
        let child = try await request.start()
        let process = ServiceProcess(child: child, port: port, cacheFolder: folder + "/cache")
        guard await LoopbackPort.waitUntilListening(port, timeout: .seconds(60)) else {
            let ended = await child.stop()
            throw FixtureError("mooring run --listen never listened on \(port): \(ended.map { $0.stderr } ?? "")")
        }
        return process
    }

    /// One HTTP request from this process (no curl child per request: the suite starts enough
    /// processes already): the body and the status, as `CommandResult.httpBody`/`httpStatus` read.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil) async throws -> CommandResult {
        var request = URLRequest(url: URL(string: base + path)!, timeoutInterval: 30)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return CommandResult(status: 0, stdout: String(decoding: data, as: UTF8.self) + "\n\(status)", stderr: "")
        } catch {
            return CommandResult(status: 7, stdout: "\n0", stderr: "\(error)")
        }
    }

    /// A GitHub push delivery for the harness's repository, signed with `secret`.
    func pushFromGitHub(ref: String = "refs/heads/main", after: String, cloneURL: String, secret: String = webhookSecret) async throws -> CommandResult {
        let body = Array("""
            {"ref": "\(ref)", "before": "0000000000000000000000000000000000000000", "after": "\(after)",
             "repository": {"full_name": "platform/config", "clone_url": "\(cloneURL)", "default_branch": "main"},
             "pusher": {"name": "alice"}, "head_commit": {"id": "\(after)", "message": "change"}}
            """.utf8)
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        let signature = "sha256=" + code.map { String(format: "%02x", $0) }.joined()
        return try await request("POST", "/hooks/github", headers: ["X-GitHub-Event": "push", "X-Hub-Signature-256": signature], body: body)
    }

    /// Polls `/readyz` until it answers 200.
    func waitUntilReady(timeout: Duration = .seconds(120)) async throws {
        try await poll(timeout: timeout, "\(base)/readyz never answered 200") {
            if try await request("GET", "/readyz").httpStatus == 200 { return true }
            try await Task.sleep(for: .milliseconds(200))
            return false
        }
    }

    /// SIGTERM, then its exit.
    func terminate() async throws -> ChildProcessResult {
        child.send(SIGTERM)
        return try await child.wait()
    }

    /// SIGKILL, then its exit.
    func kill9() async throws -> ChildProcessResult {
        child.send(SIGKILL)
        return try await child.wait()
    }

    func stop() async { await child.stop() }
}

/// Polls `condition` every 50 ms until it holds; throws `failure` after `timeout`.
func poll(timeout: Duration, _ failure: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw FixtureError(failure)
}

extension CommandResult {
    var text: String { httpBody.trimmingCharacters(in: .newlines) }
}
