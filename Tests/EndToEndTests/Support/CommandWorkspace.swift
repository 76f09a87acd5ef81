import Foundation
import KubeAPI
import LocalCluster
import TestSupport

/// A `mooring.yaml` in a folder of its own, a config repository served by `git daemon`, and the
/// embedded cluster running in the test process at the folder's `.mooring/cluster` — where the
/// `mooring` binary finds it answering and uses it, so kubectl and the binary see one cluster.
struct CommandWorkspace {
    let repository: ConfigRepository
    let cluster: LocalClusterServer
    let folder: String
    var config: String { folder + "/mooring.yaml" }

    /// - Parameter settings: the environments' YAML under `environments:` (indented by 2).
    /// - Parameter timeScale: the cluster's (`Harness.defaultTimeScale` unless a test needs
    ///   simulated time to pass faster).
    static func with<T>(environments: String = Harness.sampleEnvironments, settings: String, repositoryURL: String? = nil,
                        timeScale: Double = Harness.defaultTimeScale, _ body: (CommandWorkspace) async throws -> T) async throws -> T {
        let repository = try await ConfigRepository.create(seed: (environments, "environments"), serve: true)
        defer { repository.stop() }
        let folder = TemporaryFolder.make("cli-safety")
        var options = LocalClusterOptions(dataDirectory: folder + "/.mooring/cluster")
        options.timeScale = timeScale
        let cluster = try await LocalClusterServer.start(options)
        let workspace = CommandWorkspace(repository: repository, cluster: cluster, folder: folder)
        do {
            try workspace.writeConfig(url: repositoryURL ?? repository.url, settings: settings)
            let result = try await body(workspace)
            try? await cluster.stop()
            return result
        } catch {
            try? await cluster.stop()
            throw error
        }
    }

    func writeConfig(url: String, settings: String, file: String? = nil) throws {
        try "repository:\n  url: \(url)\n  interval: 1s\nenvironments:\n\(settings)"
            .write(toFile: file ?? config, atomically: true, encoding: .utf8)
    }

    /// A configuration for a `run --listen` started with its own folder (`ServiceProcess`), where
    /// `cluster: local` would be another cluster: this workspace's repository polled every
    /// second and `develop` on this workspace's cluster through its kubeconfig; `rest` follows
    /// (more environments indented by 2, then top-level keys).
    func listenConfiguration(_ rest: String = "") -> String {
        """
        repository:
          url: \(repository.url)
          interval: 1s
        environments:
          develop:
            ref: main
            cluster: {kubeconfig: \(cluster.kubeconfigPath)}
            prune: true
            healthTimeout: 30s

        """ + rest
    }

    /// The binary with `--config` (this workspace's file unless one is given).
    func mooring(_ arguments: [String], config: String? = nil, environment: [String: String] = [:],
                 timeout: Duration = .seconds(120)) async throws -> CommandResult {
        try await MooringBinary.run(arguments + ["--config", config ?? self.config],
                                    environment: environment.merging(["MOORING_LOCAL_TIME_SCALE": "100"]) { a, _ in a }, timeout: timeout)
    }

    func kubectl(_ arguments: String..., input: String? = nil) async throws -> CommandResult {
        try await Command.run("kubectl", arguments + ["--cache-dir", folder + "/kubectl-cache"],
                              environment: ["KUBECONFIG": cluster.kubeconfigPath], input: input)
    }
}
