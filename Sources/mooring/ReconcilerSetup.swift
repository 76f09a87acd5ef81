import Foundation
import Reconciler

/// Everything a reconciling command needs, wired from `mooring.yaml`: the configuration, the
/// config repository's mirror, and one cluster connection per target (starting the embedded
/// cluster when `cluster: local` has none running). Call `shutdown()` before exiting.
struct ReconcilerSetup {
    let configuration: MooringConfiguration
    let source: GitConfigSource
    let connector: ClusterConnector
    let progress: SyncProgress
    /// When set, every environment's requests are counted (`--stats`).
    var counters: RequestCounters?

    static func open(_ options: ConfigurationOptions, stats: Bool = false, progress: SyncProgress = ProgressLines.standardError) async throws -> ReconcilerSetup {
        let configuration = try options.load()
        let source: GitConfigSource
        do {
            source = try await GitConfigSource.open(configuration, configDirectory: options.directory, cacheFolder: options.cacheFolder)
        } catch {
            throw ReconcileError.source("cannot open the config repository \(configuration.repository.url): \(error)")
        }
        let connector = ClusterConnector(localDataDirectory: options.directory + "/.mooring/cluster", launcher: EmbeddedClusterLauncher())
        return ReconcilerSetup(configuration: configuration, source: source, connector: connector, progress: progress,
                               counters: stats ? RequestCounters() : nil)
    }

    /// - Parameter lock: for commands that apply, how the environment's Lease is held.
    func reconciler(for environment: EnvironmentConfiguration, lock: (tenure: EnvironmentLock.Tenure, wait: Bool)? = nil) async throws -> EnvironmentReconciler {
        let cluster: KubeClusterClient
        do {
            cluster = try await connector.client(for: environment.cluster)
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
        reconciler.siblings = configuration.environments.filter { $0.name != environment.name && $0.cluster == environment.cluster }
        if let lock {
            reconciler.lock = EnvironmentLock(environment: environment, cluster: client, wait: lock.wait, tenure: lock.tenure)
            reconciler.lock?.notices = ProgressLines.notices
        }
        return reconciler
    }

    /// Brings the mirror up to date; an unreachable repository is one clear error.
    func fetch() async throws {
        do { try await source.fetch() } catch {
            throw ReconcileError.source("fetching \(configuration.repository.url) failed: \(error)")
        }
    }

    func shutdown() async { await connector.shutdown() }

    /// Runs `body` and always shuts down (stopping an embedded cluster this process started).
    func run<T>(_ body: (ReconcilerSetup) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }
}
