import Foundation
import TestSupport
@testable import LocalCluster
import Manifests

/// An in-process local cluster on a free port with its own temporary data folder, plus a way to
/// run the real kubectl against it. Call `stop()` at the end (also on failure: use `defer`-style
/// `withCluster`).
struct TestCluster {
    let server: LocalClusterServer
    let dataDirectory: String
    let cacheDirectory: String

    static func start(timeScale: Double = 20, dataDirectory: String? = nil, configure: (inout LocalClusterOptions) -> Void = { _ in }) async throws -> TestCluster {
        let folder = dataDirectory ?? TemporaryFolder.make("cluster")
        var options = LocalClusterOptions(dataDirectory: folder)
        options.timeScale = timeScale
        configure(&options)
        let server = try await LocalClusterServer.start(options)
        return TestCluster(server: server, dataDirectory: folder, cacheDirectory: TemporaryFolder.make("kubecache"))
    }

    func stop() async {
        try? await server.stop()
    }

    /// Runs `kubectl` (the dispatcher unless `binary` names a bundled version) with this cluster's kubeconfig.
    func kubectl(_ arguments: [String], binary: String = "kubectl", input: String? = nil) async throws -> CommandResult {
        // Flags go before a `--` that ends them (`kubectl create job x -- sh -c ...`).
        var arguments = arguments
        arguments.insert(contentsOf: ["--cache-dir", cacheDirectory], at: arguments.firstIndex(of: "--") ?? arguments.count)
        return try await Command.run(binary, arguments,
                        environment: ["KUBECONFIG": server.kubeconfigPath], input: input)
    }

    func kubectl(_ arguments: String..., input: String? = nil) async throws -> CommandResult {
        try await kubectl(arguments, input: input)
    }

    /// `kubectl` left running in the background (e.g. `get -w`); stop it with `stop()`.
    func kubectlInBackground(_ arguments: String...) async throws -> BackgroundCommand {
        try await Command.start("kubectl", arguments + ["--cache-dir", cacheDirectory], environment: ["KUBECONFIG": server.kubeconfigPath])
    }

    /// Applies a manifest given as text through `kubectl apply -f -` (extra arguments appended).
    @discardableResult
    func apply(_ manifest: String, _ extra: String...) async throws -> CommandResult {
        try await kubectl(["apply", "-f", "-"] + extra, input: manifest)
    }

    /// `curl` with the cluster's bearer token (or none / another one).
    func curl(_ path: String, method: String = "GET", token: String?? = .none, headers: [String] = [], body: String? = nil) async throws -> CommandResult {
        var arguments = ["-s", "-w", "\n%{http_code}", "-X", method]
        let bearer: String? = token ?? server.token
        if let bearer { arguments += ["-H", "Authorization: Bearer \(bearer)"] }
        for header in headers { arguments += ["-H", header] }
        // The body goes through stdin: a large one would not fit an argument list.
        if body != nil { arguments += ["--data-binary", "@-"] }
        arguments.append(server.url + path)
        return try await Command.run("curl", arguments, environment: [:], input: body)
    }
}

/// Runs the body against a fresh cluster and always stops it.
func withCluster<T>(timeScale: Double = 20, configure: (inout LocalClusterOptions) -> Void = { _ in },
                    _ body: (TestCluster) async throws -> T) async throws -> T {
    try await withStopping(try await TestCluster.start(timeScale: timeScale, configure: configure), stop: { await $0.stop() }, body)
}
