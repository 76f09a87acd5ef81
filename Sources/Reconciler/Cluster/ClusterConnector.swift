import Foundation
import KubeAPI

/// Turns an environment's `cluster` setting into a connected `KubeClusterClient`, one per
/// distinct target, so environments moored to the same cluster share a connection pool and
/// discovery cache. `cluster: local` reuses an embedded cluster already serving from the data
/// folder (its kubeconfig answers) and otherwise starts one in this process.
public actor ClusterConnector {
    /// Where the embedded cluster keeps its state (`.mooring/cluster` beside `mooring.yaml`).
    public let localDataDirectory: String
    private let launcher: (any LocalClusterLauncher)?
    private let options: KubeClientOptions
    private var clients: [String: KubeClusterClient] = [:]
    private var caches: [String: LiveCache] = [:]
    private var started: [RunningLocalCluster] = []

    public init(localDataDirectory: String, launcher: (any LocalClusterLauncher)?, options: KubeClientOptions = KubeClientOptions()) {
        self.localDataDirectory = localDataDirectory
        self.launcher = launcher
        self.options = options
    }

    /// The context names a kubeconfig file defines (`nil` path: the one kubectl would use), or
    /// `nil` when it cannot be read: what `MooringConfiguration` checks `cluster.context` against.
    public static func kubeconfigContexts(_ path: String?) -> [String]? {
        guard let kubeconfig = try? path.map({ try Kubeconfig.load(files: [$0]) }) ?? Kubeconfig.load() else { return nil }
        return kubeconfig.contexts.keys.sorted()
    }

    /// - Parameters:
    ///   - rateLimit: the client-side limit toward a real cluster (`cluster.qps`/`burst`), used
    ///     when the first environment on it connects; `nil` keeps kubectl's.
    ///   - requestTimeout: the environment's `requestTimeout`; environments on one cluster with
    ///     different ones get a client each (`nil`: the connector's options).
    public func client(for target: ClusterTarget, rateLimit: RateLimit? = nil, requestTimeout: Duration? = nil) async throws -> KubeClusterClient {
        var options = self.options
        if let requestTimeout { options.requestTimeout = requestTimeout }
        let key = "\(target.description) \(options.requestTimeout)"
        if let client = clients[key] { return client }
        if let rateLimit { options.rateLimit = rateLimit }
        let client: KubeClusterClient
        switch target {
        case .local:
            client = try await localClient(options: options)
        case let .kubeconfig(path, context):
            do {
                let kubeconfig = try path.map { try Kubeconfig.load(files: [$0]) } ?? Kubeconfig.load()
                client = KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig, context: context, options: options))
            } catch {
                throw ClusterError.unreachable(cluster: key, reason: "\(error)")
            }
        case .inCluster:
            do {
                client = KubeClusterClient(client: try KubeClient.inCluster(options: options))
            } catch {
                throw ClusterError.unreachable(cluster: key, reason: "\(error)")
            }
        }
        clients[key] = client
        return client
    }

    /// The live cache of a target (`mooring run`): one per cluster, shared by its environments.
    public func liveCache(for target: ClusterTarget, resyncInterval: Duration = .seconds(30 * 60)) async throws -> LiveCache {
        let key = target.description
        if let cache = caches[key] { return cache }
        let cache = LiveCache(client: try await client(for: target).client, resyncInterval: resyncInterval)
        caches[key] = cache
        return cache
    }

    /// Stops the live caches' watches, then the clusters this connector started (a reused
    /// cluster keeps running).
    public func shutdown() async {
        for cache in caches.values { await cache.stop() }
        caches = [:]
        for cluster in started.reversed() { try? await cluster.stop() }
        started = []
        clients = [:]
    }

    private func localClient(options: KubeClientOptions) async throws -> KubeClusterClient {
        let kubeconfigPath = localDataDirectory + "/kubeconfig"
        if FileManager.default.fileExists(atPath: kubeconfigPath), let running = try? await answering(kubeconfigPath, options: options) {
            return running
        }
        guard let launcher else {
            throw ClusterError.unreachable(cluster: "local", reason: "no embedded cluster answers at \(kubeconfigPath); start one with mooring cluster serve")
        }
        let cluster: RunningLocalCluster
        do {
            cluster = try await launcher.start(dataDirectory: localDataDirectory)
        } catch {
            throw ClusterError.unreachable(cluster: "local", reason: "cannot start the embedded cluster in \(localDataDirectory): \(error)")
        }
        started.append(cluster)
        let kubeconfig = try Kubeconfig.load(files: [cluster.kubeconfigPath])
        return KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig, options: localOptions))
    }

    /// The embedded cluster is this machine's own process with no priority-and-fairness to
    /// protect: no client-side rate limit against it (a real cluster keeps kubectl's 50/300).
    private var localOptions: KubeClientOptions {
        var local = options
        local.rateLimit = nil
        return local
    }

    /// A client of the cluster a kubeconfig names, if it answers `GET /version` promptly.
    private func answering(_ kubeconfigPath: String, options: KubeClientOptions) async throws -> KubeClusterClient {
        let kubeconfig = try Kubeconfig.load(files: [kubeconfigPath])
        var probeOptions = options
        probeOptions.retryPolicy = .none
        probeOptions.requestTimeout = .seconds(2)
        _ = try await KubeClient(kubeconfig: kubeconfig, options: probeOptions).version()
        return KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig, options: localOptions))
    }
}
