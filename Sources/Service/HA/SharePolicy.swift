import Foundation

/// What the replicas and environment Leases look like in one LIST of `mooring-system`'s Leases.
public struct LeaseCensus: Sendable, Equatable {
    public struct Replica: Sendable, Equatable {
        public var identity: String
        /// How long ago it last renewed its identity Lease.
        public var age: TimeInterval
        /// `mooring.dev/reconcile-<environment>` marks other replicas left on it.
        public var requests: [String: String]

        public init(identity: String, age: TimeInterval, requests: [String: String] = [:]) {
            self.identity = identity
            self.age = age
            self.requests = requests
        }
    }

    public var replicas: [Replica]
    /// Environment → its Lease's holder (absent or empty: nobody).
    public var holders: [String: String]

    public init(replicas: [Replica], holders: [String: String]) {
        self.replicas = replicas
        self.holders = holders
    }
}

/// How a replica spreads environments with the others — pure, so every rule is tested without a
/// cluster. A replica's share is ⌈environments ÷ live replicas⌉.
///
/// - Every retry period it tries the Leases it does not hold: one a live replica holds is only
///   observed (client-go judges expiry by how long it has gone unchanged); an expired one is
///   taken even beyond the share, because an environment nobody serves is worse than an uneven
///   split; a free or released one only while under the share.
/// - It gives back what it holds beyond its share only while another replica that renews
///   promptly holds less than its share, so it never hands work to a dying replica.
public struct SharePolicy: Sendable {
    public var identity: String
    /// A replica is counted alive while its identity Lease is younger than this (the lease duration).
    public var liveWithin: TimeInterval
    /// A replica asks for work only while its identity Lease is younger than this (two retry periods).
    public var freshWithin: TimeInterval

    public init(identity: String, liveWithin: TimeInterval, freshWithin: TimeInterval) {
        self.identity = identity
        self.liveWithin = liveWithin
        self.freshWithin = freshWithin
    }

    /// This replica's share of `environments`.
    public func share(of environments: [String], census: LeaseCensus) -> Int {
        let live = Set(census.replicas.filter { $0.age < liveWithin }.map(\.identity)).union([identity])
        return (environments.count + live.count - 1) / live.count
    }

    /// The environments to give back now: the last-configured ones beyond the share.
    public func surplus(held: [String], environments: [String], census: LeaseCensus) -> [String] {
        let share = share(of: environments, census: census)
        guard held.count > share else { return [] }
        let wanting = census.replicas.contains { replica in
            replica.identity != identity && replica.age < freshWithin
                && census.holders.values.filter { $0 == replica.identity }.count < share
        }
        guard wanting else { return [] }
        let ordered = environments.filter(held.contains)
        return Array(ordered.suffix(held.count - share))
    }

    /// The marks left for this replica that it has not acted on, per environment it holds.
    public func requests(held: [String], census: LeaseCensus, seen: [String: String]) -> [String: String] {
        guard let me = census.replicas.first(where: { $0.identity == identity }) else { return [:] }
        return me.requests.filter { held.contains($0.key) && seen[$0.key] != $0.value }
    }
}
