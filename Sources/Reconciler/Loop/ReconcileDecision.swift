import Foundation

/// What one poll does for an environment, decided from the ref's commit, the history in the
/// cluster and whether live matches: the loop's policy, kept apart from its IO.
public enum ReconcileDecision: Sendable, Equatable {
    /// Live matches the revision: nothing to send.
    case upToDate(revision: String)
    /// Apply a revision.
    case apply(revision: String, reason: ApplyReason)
    /// Live drifted from the applied revision and self-heal is off (or backing off until `retryAt`).
    case reportDrift(revision: String, retryAt: Date?)
    /// Re-apply the applied revision over hand-made drift.
    case selfHeal(revision: String)

    public enum ApplyReason: Sendable, Equatable {
        /// Git moved.
        case newRevision
        /// The last attempt at this revision failed before it was fully applied.
        case retry
    }

    /// The revision to hold the environment at: the ref's commit, unless mooring rolled that
    /// commit back after it failed, in which case the revision it rolled back to (the failed
    /// commit is not re-applied; the next new commit is).
    public static func effectiveRevision(target: String, history: History) -> (revision: String, skipped: String?) {
        guard history.isRolledBack(target) else { return (target, nil) }
        let rollback = history.records.last { $0.operation == .autoRollback && $0.rolledBackFrom == target }
        let restored = rollback?.rolledBackTo ?? history.lastHealthyRevision(excluding: target)
        guard let restored else { return (target, nil) }
        return (restored, target)
    }

    /// - Parameters:
    ///   - revision: the effective revision (see `effectiveRevision`).
    ///   - liveMatches: the diff of live against `revision` is in sync.
    ///   - selfHeal: the environment's `selfHeal` setting.
    public static func decide(revision: String, history: History, liveMatches: Bool, selfHeal: Bool,
                              now: Date, backoff: SelfHealBackoff = SelfHealBackoff()) -> ReconcileDecision {
        guard let latest = history.latest, latest.revision == revision else {
            return .apply(revision: revision, reason: .newRevision)
        }
        if liveMatches { return .upToDate(revision: revision) }
        if latest.result == .failed && latest.operation != .autoRollback && latest.health != .degraded {
            return .apply(revision: revision, reason: .retry)
        }
        guard selfHeal else { return .reportDrift(revision: revision, retryAt: nil) }
        let recent = history.records.reversed().prefix { $0.operation == .selfHeal && $0.revision == revision
            && now.timeIntervalSince($0.time) < backoff.window.seconds }
        guard let last = recent.first else { return .selfHeal(revision: revision) }
        let retryAt = last.time.addingTimeInterval(backoff.delay(afterAttempts: recent.count).seconds)
        return now >= retryAt ? .selfHeal(revision: revision) : .reportDrift(revision: revision, retryAt: retryAt)
    }
}

/// Exponential back-off for drift that keeps coming back (something fights mooring over a field):
/// `base`, doubling per self-heal in a row, capped at `maximum`; self-heals older than `window`
/// no longer count.
public struct SelfHealBackoff: Sendable, Equatable {
    public var base: Duration
    public var maximum: Duration
    public var window: Duration

    public init(base: Duration = .seconds(5), maximum: Duration = .seconds(300), window: Duration = .seconds(900)) {
        self.base = base
        self.maximum = maximum
        self.window = window
    }

    /// The wait before the next self-heal after `attempts` in a row.
    public func delay(afterAttempts attempts: Int) -> Duration {
        guard attempts > 0 else { return .zero }
        let factor = 1 << min(attempts - 1, 30)
        let delay = base * factor
        return delay > maximum ? maximum : delay
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`, for `Date` arithmetic.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
