import Foundation
import Manifests
import Reconciler

/// What every command works with, wired from `mooring.yaml` in one way: the configuration (its
/// kubeconfig contexts checked up front), the config repository's mirror, and — on first use —
/// one cluster connection per target (starting the embedded cluster when `cluster: local` has
/// none running). Run the command's work in `run` so an embedded cluster is always stopped.
struct ReconcilerSetup {
    let options: ConfigurationOptions
    let configuration: MooringConfiguration
    let source: GitConfigSource
    let connector: ClusterConnector
    let progress: SyncProgress
    /// When set, every environment's requests are counted (`--stats`).
    var counters: RequestCounters?
    /// What each environment declares, shared by every reconciler of the configuration.
    let declarations = DeclarationIndex()
    /// The environments moored to each cluster, one shared list per cluster, and the claims
    /// published on its Leases, read once for all of them.
    let moored: [(target: ClusterTarget, siblings: SiblingEnvironments, claims: PublishedClaims)]

    /// - Parameters:
    ///   - clusters: whether the command talks to clusters; commands that only read git (render,
    ///     promote) do not need the kubeconfigs the configuration names.
    ///   - stats: count each environment's requests (`--stats`).
    static func open(_ options: ConfigurationOptions, clusters: Bool = true, stats: Bool = false,
                     progress: SyncProgress = ProgressLines.standardError) async throws -> ReconcilerSetup {
        // Parsed once per process (a few milliseconds), needed first by the render's checks:
        // parsed while git and the cluster are being asked instead.
        Task.detached(priority: .userInitiated) { _ = KubeSchema.builtin }
        let configuration = try options.load(checkingClusters: clusters)
        let source = try await GitConfigSource.open(configuration, configDirectory: options.directory, cacheFolder: options.cacheFolder)
        if let rebuilt = source.mirror.rebuilt { ProgressLines.notices.say(rebuilt) }
        source.reportRebuilds(to: ProgressLines.notices)
        let connector = ClusterConnector(localDataDirectory: options.localClusterFolder, launcher: EmbeddedClusterLauncher())
        var byCluster: [(target: ClusterTarget, environments: [EnvironmentConfiguration])] = []
        for environment in configuration.environments {
            if let index = byCluster.firstIndex(where: { $0.target == environment.cluster }) {
                byCluster[index].environments.append(environment)
            } else {
                byCluster.append((environment.cluster, [environment]))
            }
        }
        return ReconcilerSetup(options: options, configuration: configuration, source: source, connector: connector,
                               progress: progress, counters: stats ? RequestCounters() : nil,
                               moored: byCluster.map { ($0.target, SiblingEnvironments($0.environments), PublishedClaims()) })
    }

    /// The named environment, or an error listing the ones that exist.
    func environment(_ name: String) throws -> EnvironmentConfiguration {
        guard let environment = configuration.environment(named: name) else {
            let known = configuration.environments.map(\.name).joined(separator: ", ")
            throw CommandError("no environment \"\(name)\" in \(options.config) (it has: \(known))")
        }
        return environment
    }

    /// - Parameter lock: for commands that apply, how the environment's Lease is held.
    func reconciler(for environment: EnvironmentConfiguration, lock: (tenure: EnvironmentLock.Tenure, wait: Bool)? = nil) async throws -> EnvironmentReconciler {
        let cluster: KubeClusterClient
        do {
            cluster = try await connector.client(for: environment.cluster, rateLimit: environment.clientRateLimit,
                                                 requestTimeout: environment.requestTimeout)
        } catch {
            throw ReconcileError.cluster("\(environment.name): \(error)")
        }
        var client: any ClusterClient = cluster
        if let counters {
            let counting = CountingClusterClient(cluster)
            counters.add(environment.name, counting, http: cluster.client)
            client = counting
        }
        var reconciler = EnvironmentReconciler(environment: environment, source: source, cluster: client, progress: progress,
                                               revertPublisher: GitRevertPublisher(mirror: source.mirror))
        let neighbourhood = moored.first { $0.target == environment.cluster }
        reconciler.siblings = neighbourhood?.siblings ?? []
        reconciler.publishedClaims = neighbourhood?.claims
        reconciler.declarations = declarations
        if let lock {
            reconciler.lock = EnvironmentLock(environment: environment, cluster: client, wait: lock.wait, tenure: lock.tenure)
            reconciler.lock?.notices = ProgressLines.notices
        }
        return reconciler
    }

    /// `mooring run`: every reconciler reads its cluster through that cluster's live cache
    /// (its Lease keeps asking the server) and keeps its in-sync verdicts between passes;
    /// returns them and the caches, one per cluster.
    func readingLiveCaches(_ reconcilers: [EnvironmentReconciler]) async throws -> ([EnvironmentReconciler], caches: [LiveCache]) {
        var seen = Set<String>()
        var caches: [LiveCache] = []
        var cached: [EnvironmentReconciler] = []
        for var reconciler in reconcilers {
            let target = reconciler.environment.cluster
            let cache: LiveCache
            do {
                cache = try await connector.liveCache(for: target)
            } catch {
                throw ReconcileError.cluster("\(reconciler.environment.name): \(error)")
            }
            if seen.insert(target.description).inserted { caches.append(cache) }
            reconciler.cluster = CachedClusterClient(reconciler.cluster, cache: cache)
            reconciler.diffMemo = DiffMemo()
            reconciler.settled = SettledEnvironment()
            // Health is read from the cache too, so looking often costs no request: a round that
            // waits for health ends sooner, and the next drift is healed sooner.
            reconciler.options.healthPollInterval = min(reconciler.options.healthPollInterval, .milliseconds(100))
            cached.append(reconciler)
        }
        return (cached, caches)
    }

    /// Runs `body` and always shuts down (stopping an embedded cluster this process started).
    func run<T>(_ body: (ReconcilerSetup) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await connector.shutdown()
            return result
        } catch {
            await connector.shutdown()
            throw error
        }
    }
}
