import Foundation
import Logging
import Reconciler

/// One cluster's part of ``LeaseClaims``: the environments on that cluster, shared among the
/// replicas that renew an identity Lease in it (`ReplicaMembership`), with the cluster as their
/// only coordinator. Each cluster is its own election, so one that hangs holds up nothing but
/// its own environments.
///
/// One ``round()`` per retry period: renew this replica's identity Lease and read the census,
/// give back what exceeds the share (`SharePolicy`), try every Lease not held here (taking what
/// is free or expired), and pick up the reconcile requests other replicas left for this one.
actor ClusterClaims {
    /// The cluster as the configuration names it (`kubeconfig … context …`, `local`).
    nonisolated let cluster: String
    nonisolated let leases: [String: any EnvironmentLease]
    /// Environment names in configuration order.
    nonisolated let order: [String]
    let membership: ReplicaMembership
    let policy: SharePolicy
    let logger: Logger

    private var census = LeaseCensus(replicas: [], holders: [:])
    private var seenRequests: [String: String] = [:]
    private var due: [String: String] = [:]
    /// Environments whose Lease could not be tried in the last round, with why.
    private var failures: [String: String] = [:]
    /// Whose answer the round in progress awaits: all (the census), or the one being tried.
    private var awaiting: [String] = []

    init(cluster: String, leases: [(environment: String, lease: any EnvironmentLease)], membership: ReplicaMembership,
         policy: SharePolicy, logger: Logger) {
        self.cluster = cluster
        self.leases = Dictionary(uniqueKeysWithValues: leases.map { ($0.environment, $0.lease) })
        self.order = leases.map(\.environment)
        self.membership = membership
        self.policy = policy
        self.logger = logger
    }

    /// The environments to reconcile because of the claims (a Lease taken, a replica's
    /// request), with why; handed out once.
    func takeDue() -> [String: String] {
        defer { due = [:] }
        return due
    }

    /// Environments not held here whose Lease could not be tried, with the cluster's error.
    func unreachable() async -> [String: String] {
        var left: [String: String] = [:]
        for (name, reason) in failures where await leases[name]?.isHeldHere() != true { left[name] = reason }
        return left
    }

    /// The round ran out of its time (and was cancelled): what it was waiting for is
    /// unreachable for now.
    func timedOut(after limit: Duration) {
        let reason = "cluster \(cluster) did not answer the Lease round within \(GoDuration.format(limit))"
        logger.warning("lease round timed out", metadata: ["cluster": "\(cluster)", "limit": "\(GoDuration.format(limit))"])
        for name in awaiting { failures[name] = reason }
        awaiting = []
    }

    /// One election round. Cancelled (past its time), it stops where it is and leaves
    /// ``timedOut(after:)`` to say what did not answer.
    func round() async {
        let names = Dictionary(uniqueKeysWithValues: order.compactMap { name in leases[name].map { ($0.leaseName, name) } })
        awaiting = order
        do {
            census = try await membership.census(environmentLeases: names)
        } catch {
            if Task.isCancelled { return }
            logger.warning("reading the replicas' Leases failed", metadata: ["cluster": "\(cluster)", "error": "\(error)"])
            for name in order { failures[name] = "the Leases in cluster \(cluster) could not be read: \(error)" }
            awaiting = []
            return
        }
        var held: [String] = []
        for name in order where await leases[name]!.isHeldHere() { held.append(name) }
        var givenBack: [String] = []
        for name in policy.surplus(held: held, environments: order, census: census) {
            // One whose reconcile still runs is handed over at a later round, once it ended.
            guard await leases[name]!.giveUpIfIdle() else { continue }
            givenBack.append(name)
            held.removeAll { $0 == name }
            census.holders[name] = nil
            ServiceMetrics.leaseHeld(name, false)
            logger.info("lease given back to spread the environments", metadata: ["environment": "\(name)"])
        }
        let share = policy.share(of: order, census: census)
        for name in order where !held.contains(name) && !givenBack.contains(name) {
            // A Lease someone holds is attempted even at the share: while its holder renews
            // that only observes it (for client-go's expiry), and once it stops, nobody serves
            // the environment. A free one is left to the replicas under their share.
            failures[name] = nil
            if held.count >= share && (census.holders[name] ?? "").isEmpty { continue }
            let lease = leases[name]!
            awaiting = [name]
            do {
                if try await lease.attempt() {
                    held.append(name)
                    due[name] = "lease acquired"
                    ServiceMetrics.leaseHeld(name, true)
                    logger.info("lease acquired", metadata: ["environment": "\(name)"])
                }
            } catch {
                if Task.isCancelled { return }
                failures[name] = "the Lease \(lease.leaseNamespace)/\(lease.leaseName) could not be tried: \(error)"
                logger.warning("lease attempt failed", metadata: ["environment": "\(name)", "error": "\(error)"])
            }
        }
        awaiting = []
        for name in held { failures[name] = nil }
        for (name, mark) in policy.requests(held: held, census: census, seen: seenRequests) {
            seenRequests[name] = mark
            if due[name] == nil { due[name] = "asked by another replica" }
        }
    }

    /// Asks whoever holds `name` here to reconcile it now (a webhook reached this replica).
    func askHolder(_ name: String, reason: String) async {
        guard let lease = leases[name] else { return }
        do {
            // Read now, not from the last census: the Lease may have just changed hands.
            guard let holder = try await membership.holder(ofLease: lease.leaseName), holder != membership.identity else {
                logger.info("nobody holds the environment: whoever takes it reconciles it", metadata: ["environment": "\(name)"])
                return
            }
            try await membership.ask(holder, environment: name)
            logger.info("asked the holder to reconcile", metadata: ["environment": "\(name)", "holder": "\(holder)", "trigger": "\(reason)"])
        } catch {
            logger.warning("could not ask the holder to reconcile", metadata: ["environment": "\(name)", "error": "\(error)"])
        }
    }

    /// Gives up every Lease held here and this replica's identity Lease (at shutdown).
    func releaseAll() async {
        for name in order {
            guard let lease = leases[name], await lease.isHeldHere() else { continue }
            await lease.giveUp()
            ServiceMetrics.leaseHeld(name, false)
        }
        await membership.leave()
    }
}
