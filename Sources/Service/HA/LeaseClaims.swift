import Foundation
import Logging
import Reconciler

/// Replicas of `mooring run --listen` sharing the environments through the per-environment
/// Leases (`EnvironmentLease`), with Kubernetes as the only coordinator: one ``ClusterClaims``
/// per cluster, each electing among the replicas that renew an identity Lease in that cluster.
///
/// The election rounds never stand in the reconcile loop's way (issue 11: a hung API server
/// used to slow every environment's rounds): each cluster's round runs in a task of its own, at
/// most one at a time per cluster, once per retry period, and is abandoned past the cluster's
/// request timeout (plus a second, so the request's own timeout, which names the cluster's
/// address, is what gets reported). ``claim(_:)`` and ``dueHere()`` answer from what the rounds
/// found so far; a Lease taken in the background is handed out as due ("lease acquired"), and
/// an environment whose cluster did not answer is handed out by ``unreachable()``.
public actor LeaseClaims: EnvironmentClaims {
    /// One cluster's environments and how its Leases are reached.
    public struct Cluster: Sendable {
        /// The cluster as the configuration names it (`ClusterTarget.description`).
        public var name: String
        /// Where this replica's identity Lease and the census live (the cluster's live cache).
        public var client: any ClusterClient
        /// The longest request timeout of its environments: what bounds one round.
        public var requestTimeout: Duration
        public var leases: [(environment: String, lease: any EnvironmentLease)]

        public init(name: String, client: any ClusterClient, requestTimeout: Duration,
                    leases: [(environment: String, lease: any EnvironmentLease)]) {
            self.name = name
            self.client = client
            self.requestTimeout = requestTimeout
            self.leases = leases
        }
    }

    let clusters: [(claims: ClusterClaims, limit: Duration)]
    let retryPeriod: Duration
    private var rounds: [Int: Task<Void, Never>] = [:]
    private var lastStarted: [Int: ContinuousClock.Instant] = [:]
    /// The clusters whose first round ended (or ran out of time).
    private var settled: Set<Int> = []

    public init(clusters: [Cluster], identity: String, timings: LeaseTiming, logger: Logger) {
        let policy = SharePolicy(identity: identity, liveWithin: Self.seconds(timings.duration),
                                 freshWithin: 2 * Self.seconds(timings.retryPeriod))
        self.clusters = clusters.map { cluster in
            let membership = ReplicaMembership(identity: identity, cluster: cluster.client,
                                               durationSeconds: Int(timings.duration.components.seconds))
            return (ClusterClaims(cluster: cluster.name, leases: cluster.leases, membership: membership, policy: policy, logger: logger),
                    cluster.requestTimeout + .seconds(1))
        }
        self.retryPeriod = timings.retryPeriod
    }

    // MARK: - EnvironmentClaims

    public func claim(_ environments: [String]) async -> [String] {
        startDueRounds()
        var held: [String] = []
        for name in environments where await lease(of: name)?.isHeldHere() == true { held.append(name) }
        return held
    }

    /// Asked in a task of its own per environment: a hung cluster never holds up the webhook's round.
    public func askHolders(_ environments: [String], reason: String) async {
        for name in environments {
            guard let cluster = clusters.first(where: { $0.claims.leases[name] != nil }) else { continue }
            let claims = cluster.claims
            Task { try? await PassDeadline(cluster.limit).run { await claims.askHolder(name, reason: reason) } }
        }
    }

    public func dueHere() async -> [String: String] {
        startDueRounds()
        var due: [String: String] = [:]
        for cluster in clusters {
            for (name, reason) in await cluster.claims.takeDue() { due[name] = reason }
        }
        return due
    }

    public func unreachable() async -> [String: String] {
        var unreachable: [String: String] = [:]
        for cluster in clusters {
            for (name, reason) in await cluster.claims.unreachable() { unreachable[name] = reason }
        }
        return unreachable
    }

    public func undecided(_ environments: [String]) async -> Set<String> {
        startDueRounds()
        return Set(environments.filter { name in
            clusters.indices.contains { !settled.contains($0) && clusters[$0].claims.leases[name] != nil }
        })
    }

    /// Every cluster at once, each within its limit: a hung one delays the shutdown by that at most.
    public func releaseAll() async {
        for round in rounds.values { round.cancel() }
        await withTaskGroup(of: Void.self) { group in
            for cluster in clusters {
                group.addTask { try? await PassDeadline(cluster.limit).run { await cluster.claims.releaseAll() } }
            }
        }
    }

    // MARK: - The rounds

    private func lease(of environment: String) -> (any EnvironmentLease)? {
        for cluster in clusters { if let lease = cluster.claims.leases[environment] { return lease } }
        return nil
    }

    /// Starts the round of every cluster whose last one started a retry period ago and ended.
    private func startDueRounds() {
        let now = ContinuousClock.now
        for (index, cluster) in clusters.enumerated() where rounds[index] == nil {
            if let last = lastStarted[index], now - last < retryPeriod { continue }
            lastStarted[index] = now
            rounds[index] = Task {
                do {
                    try await PassDeadline(cluster.limit).run { await cluster.claims.round() }
                } catch {
                    await cluster.claims.timedOut(after: cluster.limit)
                }
                self.roundEnded(index)
            }
        }
    }

    private func roundEnded(_ index: Int) {
        rounds[index] = nil
        settled.insert(index)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
