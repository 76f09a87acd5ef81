import Foundation
import Manifests

/// How one hook ended in an operation: what the change set, the history record, every report
/// and `mooring history --diff N` show of it.
public struct HookResult: Sendable, Hashable, CustomStringConvertible {
    public enum Status: String, Sendable, Hashable, Codable {
        case succeeded = "Succeeded"
        case failed = "Failed"
        /// Ran past `hookTimeout` (it is left running unless its delete policy removes it).
        case timedOut = "TimedOut"
        /// Not started: an earlier hook of its phase failed, or the Lease was lost.
        case notRun = "NotRun"

        public var isFailure: Bool { self == .failed || self == .timedOut }
    }

    public var phase: HookPhase
    /// `Job.batch django-develop/smoke-test`
    public var identity: ObjectIdentity
    public var status: Status
    /// The Job's failure reason (`BackoffLimitExceeded: …`), the Pod's last termination message,
    /// or why it did not run; for a success, what the object said.
    public var message: String
    public var startedAt: Date
    public var finishedAt: Date
    /// Removed after it ended, by its delete policy.
    public var deleted: Bool

    public init(phase: HookPhase, identity: ObjectIdentity, status: Status, message: String,
                startedAt: Date, finishedAt: Date, deleted: Bool = false) {
        self.phase = phase
        self.identity = identity
        self.status = status
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.deleted = deleted
    }

    public var duration: TimeInterval { max(0, finishedAt.timeIntervalSince(startedAt)) }

    /// `PostSync Job.batch web/smoke-test Failed after 12s: BackoffLimitExceeded: …`
    public var description: String {
        var text = "\(phase) \(identity) \(status.rawValue)"
        if status != .notRun { text += " after \(Self.formatted(duration))" }
        if !message.isEmpty { text += ": \(message)" }
        if deleted { text += " (deleted)" }
        return text
    }

    /// `0.4s`, `12s`.
    public static func formatted(_ interval: TimeInterval) -> String {
        interval < 10 ? String(format: "%.1fs", interval) : "\(Int(interval.rounded()))s"
    }
}

extension Array where Element == HookResult {
    /// The first hook that failed or timed out in `phases`.
    public func firstFailure(in phases: Set<HookPhase> = Set(HookPhase.allCases)) -> HookResult? {
        first { $0.status.isFailure && phases.contains($0.phase) }
    }
}
