import Foundation

/// How long a Lease lasts and how often it is looked at, with client-go's leader-election
/// defaults (LeaseDuration 15s, RenewDeadline 10s, RetryPeriod 2s).
public struct LeaseTiming: Sendable, Equatable {
    /// `leaseDurationSeconds`: how long others wait, after they last saw the Lease change,
    /// before taking it over.
    public var duration: Duration
    /// How long the holder keeps trying to renew before it gives the Lease up as lost.
    public var renewDeadline: Duration
    /// How often the holder renews, and a waiter tries again.
    public var retryPeriod: Duration

    public init(duration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)) {
        self.duration = duration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }

    var durationSeconds: Int { max(1, Int(duration.components.seconds)) }

    /// How often a holder whose renewals go through writes its Lease: half the renew deadline,
    /// at most a third of the duration, at least the retry period — 5 s with the defaults; after
    /// a failed renewal it tries again every retry period. client-go renews every RetryPeriod (2 s), which suits the one Lease a
    /// controller holds — Flux's controllers hold one Lease each (renewed every 5 s, duration
    /// 35 s: fluxcd/pkg `runtime/leaderelection`), Argo CD shards by cluster, not per application
    /// — but `mooring run` holds a Lease per environment: with a thousand environments, 500
    /// writes a second at 2 s, 200 at 5 s.
    ///
    /// Safety does not move: a holder still finds its Lease lost at its first attempt past the
    /// renew deadline after its last success (retries are a retry period apart, so at most
    /// `renewDeadline + retryPeriod` after it, as before), and a waiter still takes it over only
    /// once it saw the record unchanged for the whole lease duration, which the holder's writes
    /// every `renewInterval` (less than the duration) prevent while it lives.
    public var renewInterval: Duration { max(retryPeriod, min(renewDeadline / 2, duration / 3)) }
}

/// The decision of one attempt to take or keep a Lease: client-go's `tryAcquireOrRenew`, pure.
///
/// Expiry is judged by when this process last *saw the record change* (its own clock), not by
/// `renewTime` (the holder's clock): clocks of two machines need not agree.
public enum LeaseElection {
    public enum Decision: Sendable, Equatable {
        /// No Lease exists: create it with this record.
        case create(LeaseRecord)
        /// Write this record (a renewal, or a takeover of an expired or released Lease), guarded
        /// by the resourceVersion that was read.
        case update(LeaseRecord)
        /// Someone else holds it and it has not expired.
        case heldByOther(LeaseRecord)
    }

    /// - Parameters:
    ///   - current: the Lease as read, `nil` when there is none.
    ///   - observedFor: how long ago this process first saw `current` as it is now.
    public static func decide(current: LeaseRecord?, identity: String, timing: LeaseTiming, now: Date,
                              observedFor: Duration) -> Decision {
        guard let current else {
            return .create(LeaseRecord(holderIdentity: identity, leaseDurationSeconds: timing.durationSeconds,
                                       acquireTime: now, renewTime: now, leaseTransitions: 0))
        }
        let recordedDuration = Duration.seconds(max(current.leaseDurationSeconds, 1))
        if !current.isReleased, current.holderIdentity != identity, observedFor < recordedDuration {
            return .heldByOther(current)
        }
        var next = current
        next.leaseDurationSeconds = timing.durationSeconds
        next.renewTime = now
        if current.holderIdentity != identity {
            next.holderIdentity = identity
            next.acquireTime = now
            next.leaseTransitions = current.leaseTransitions + 1
        }
        return .update(next)
    }
}
