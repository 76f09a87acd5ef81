/// Which environments this replica may reconcile: the seam where replicas share environments
/// through their per-environment Leases. A single replica claims everything.
public protocol EnvironmentClaims: Sendable {
    /// Of `environments`, those this replica holds now (acquiring free or expired ones).
    func claim(_ environments: [String]) async -> [String]

    /// A webhook asked for environments another replica holds: ask that holder to reconcile
    /// them now.
    func askHolders(_ environments: [String], reason: String) async

    /// Environments to reconcile now because of the claims themselves, with why: a Lease just
    /// taken ("lease acquired"), or another replica asking this one, their holder.
    func dueHere() async -> [String: String]

    /// Environments this replica could not even try to claim because their cluster did not
    /// answer, with the cluster's error: reported failed, so a hung cluster is not mistaken
    /// for another replica's environment.
    func unreachable() async -> [String: String]

    /// Of `environments`, those whose claim is not known yet (at start, before their cluster's
    /// first Lease round ended): neither held nor someone else's, so not worth a standby's look.
    func undecided(_ environments: [String]) async -> Set<String>

    /// Gives up every claim (at shutdown, after the last apply finished).
    func releaseAll() async
}

/// One replica, no Leases: every environment is this process's.
public struct SoleReplica: EnvironmentClaims {
    public init() {}
    public func claim(_ environments: [String]) async -> [String] { environments }
    public func askHolders(_ environments: [String], reason: String) async {}
    public func dueHere() async -> [String: String] { [:] }
    public func unreachable() async -> [String: String] { [:] }
    public func undecided(_ environments: [String]) async -> Set<String> { [] }
    public func releaseAll() async {}
}
