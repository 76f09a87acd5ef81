import Foundation
import Manifests
import Synchronization

/// The claims published on one cluster's Leases (`OwnershipClaims`), read once for all the
/// environments moored there and reused for `freshness`: every environment's reconcile asks
/// what others claim, and with a thousand environments reading and parsing a thousand Leases
/// each time made a pass cost grow with the square of the environments. A claim is a slow
/// signal (kept while a conflict lasts, counted for ten minutes after its Lease's last
/// renewal), so one read a second loses nothing; concurrent askers share the one read.
public final class PublishedClaims: Sendable {
    public typealias Claims = [(identity: ObjectIdentity, claimant: Owner)]

    private struct Reading {
        var at: ContinuousClock.Instant
        var claims: Claims?
        /// Moved whenever a reading differs from the one before (see `generation`).
        var generation: UInt64 = 0
    }

    public let freshness: Duration
    private let last = Mutex<Reading?>(nil)
    private let inFlight = Mutex<Task<Claims?, Never>?>(nil)

    public init(freshness: Duration = .seconds(1)) {
        self.freshness = freshness
    }

    /// Which reading of the claims is current: the same number, the same claims (a pass that
    /// skips an unchanged environment needs to know that no claim came or went since its last).
    /// Reads the Leases when the last reading is older than `freshness`.
    func generation(reading cluster: any ClusterClient) async -> UInt64 {
        _ = await current(cluster)
        return last.withLock { $0?.generation ?? 0 }
    }

    /// What owners other than `owner` claim; empty when the Leases cannot be read (a missing
    /// claim is reported by its claimant).
    func claims(against owner: Owner, reading cluster: any ClusterClient) async -> [ObjectIdentity: Owner] {
        guard let all = await current(cluster) else { return [:] }
        return OwnershipClaims.claims(all, against: owner)
    }

    private func current(_ cluster: any ClusterClient) async -> Claims? {
        if let reading = last.withLock({ $0 }), ContinuousClock.now - reading.at < freshness { return reading.claims }
        let task = inFlight.withLock { running -> Task<Claims?, Never> in
            if let running { return running }
            let task = Task { () -> Claims? in
                let selector = "\(Tracking.managedByLabel)=\(Tracking.managedByValue)"
                let claims = (try? await cluster.list(.leaseV1, labelSelector: selector)).map { OwnershipClaims.all(in: $0, now: Date()) }
                self.last.withLock { last in
                    let generation = last.map { Self.same($0.claims, claims) ? $0.generation : $0.generation + 1 } ?? 0
                    last = Reading(at: .now, claims: claims, generation: generation)
                }
                self.inFlight.withLock { $0 = nil }
                return claims
            }
            running = task
            return task
        }
        return await task.value
    }

    private static func same(_ one: Claims?, _ other: Claims?) -> Bool {
        guard let one, let other else { return one == nil && other == nil }
        return one.count == other.count && zip(one, other).allSatisfy { $0.identity == $1.identity && $0.claimant == $1.claimant }
    }
}
