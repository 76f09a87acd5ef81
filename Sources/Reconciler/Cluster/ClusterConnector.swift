import Foundation
import KubeAPI

/// What a cluster client carries.
public enum ClientTraffic: Sendable {
    /// Reads, dry runs, applies, watches: the reconciles' work.
    case work
    /// Lease renewals and takeovers (`mooring run --listen`). They get a client of their own,
    /// with its own rate limit and concurrency window, so a renewal never queues behind an
    /// apply's requests in a window a slow server has shrunk: a renewal that waits past the
    /// lease duration hands the environment to another replica while this one still applies.
    /// kube-controller-manager and kube-scheduler likewise build their leader-election client
    /// apart from their main one ("leader-election" user agent).
    case leases
}

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
    ///   - traffic: what the client carries; `.leases` gets a connection of its own.
    public func client(for target: ClusterTarget, rateLimit: RateLimit? = nil, requestTimeout: Duration? = nil,
                       traffic: ClientTraffic = .work) async throws -> KubeClusterClient {
        var options = self.options
        if let requestTimeout { options.requestTimeout = requestTimeout }
        let key = "\(target.description) \(options.requestTimeout)" + (traffic == .leases ? " leases" : "")
        if let client = clients[key] { return client }
        if let rateLimit { options.rateLimit = rateLimit }
        let client: KubeClusterClient
        switch target {
        case .local where traffic == .leases:
            // The embedded cluster the work client found or started: no second probe, which a
            // loaded machine could fail and so start another cluster.
            let kubeconfig = try Kubeconfig.load(files: [started.last?.kubeconfigPath ?? localDataDirectory + "/kubeconfig"])
            client = KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig, options: localOptions))
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
