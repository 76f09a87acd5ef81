import Foundation
import Logging
import Reconciler

/// Replicas of `mooring run --listen` sharing the environments through the per-environment
/// Leases (`EnvironmentLease`), with Kubernetes as the only coordinator. Once per retry period:
/// renew this replica's identity Lease and read the census (`ReplicaMembership`), give back
/// what exceeds the share (`SharePolicy`), try every Lease not held here (taking what is free
/// or expired), and pick up the reconcile requests other replicas left for this one.
public actor LeaseClaims: EnvironmentClaims {
    let leases: [String: any EnvironmentLease]
    /// Environment names in configuration order.
    let order: [String]
    let membership: ReplicaMembership
    let policy: SharePolicy
    let retryPeriod: Duration
    let logger: Logger

    private var lastRefresh: ContinuousClock.Instant?
    private var census = LeaseCensus(replicas: [], holders: [:])
    private var seenRequests: [String: String] = [:]
    private var due: [String: String] = [:]

    public init(leases: [(environment: String, lease: any EnvironmentLease)], membership: ReplicaMembership,
                timings: LeaseTiming, logger: Logger) {
        self.leases = Dictionary(uniqueKeysWithValues: leases.map { ($0.environment, $0.lease) })
        self.order = leases.map(\.environment)
        self.membership = membership
        self.retryPeriod = timings.retryPeriod
        self.policy = SharePolicy(identity: membership.identity, liveWithin: Self.seconds(timings.duration),
                                  freshWithin: 2 * Self.seconds(timings.retryPeriod))
        self.logger = logger
    }

    // MARK: - EnvironmentClaims

    public func claim(_ environments: [String]) async -> [String] {
        await refresh()
        var held: [String] = []
        for name in environments where await leases[name]?.isHeldHere() == true { held.append(name) }
        return held
    }

    public func askHolders(_ environments: [String], reason: String) async {
        for name in environments {
            guard let lease = leases[name] else { continue }
            do {
                // Read now, not from the last census: the Lease may have just changed hands.
                guard let holder = try await membership.holder(ofLease: lease.leaseName), holder != membership.identity else {
                    logger.info("nobody holds the environment: whoever takes it reconciles it", metadata: ["environment": "\(name)"])
                    continue
                }
                try await membership.ask(holder, environment: name)
                logger.info("asked the holder to reconcile", metadata: ["environment": "\(name)", "holder": "\(holder)", "trigger": "\(reason)"])
            } catch {
                logger.warning("could not ask the holder to reconcile", metadata: ["environment": "\(name)", "error": "\(error)"])
            }
        }
    }

    public func dueHere() async -> [String: String] {
        await refresh()
        defer { due = [:] }
        return due
    }

    public func releaseAll() async {
        for name in order {
            guard let lease = leases[name] else { continue }
            if await lease.isHeldHere() {
                await lease.giveUp()
                ServiceMetrics.leaseHeld(name, false)
            }
        }
        await membership.leave()
    }

    // MARK: - One election round

    func refresh() async {
        let clock = ContinuousClock()
        if let lastRefresh, clock.now - lastRefresh < retryPeriod { return }
        lastRefresh = clock.now
        let names = Dictionary(uniqueKeysWithValues: order.compactMap { name in leases[name].map { ($0.leaseName, name) } })
        do {
            census = try await membership.census(environmentLeases: names)
        } catch {
            logger.warning("reading the replicas' Leases failed", metadata: ["error": "\(error)"])
            return
        }
        var held: [String] = []
        for name in order where await leases[name]!.isHeldHere() { held.append(name) }
        let givenBack = policy.surplus(held: held, environments: order, census: census)
        for name in givenBack {
            await leases[name]!.giveUp()
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
            if held.count >= share && (census.holders[name] ?? "").isEmpty { continue }
            do {
                if try await leases[name]!.attempt() {
                    held.append(name)
                    due[name] = "lease acquired"
                    ServiceMetrics.leaseHeld(name, true)
                    logger.info("lease acquired", metadata: ["environment": "\(name)"])
                }
            } catch {
                logger.warning("lease attempt failed", metadata: ["environment": "\(name)", "error": "\(error)"])
            }
        }
        for (name, mark) in policy.requests(held: held, census: census, seen: seenRequests) {
            seenRequests[name] = mark
            if due[name] == nil { due[name] = "asked by another replica" }
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
