import Foundation
import Reconciler

/// What `mooring run` prints for a pass that applied nothing: one timestamped line per
/// environment, so a log of a quiet poller reads like a heartbeat rather than a wall of reports.
///
/// ```
/// 2026-12-04T12:00:01Z develop 50a6141 Synced Healthy 12 objects 0.21s
/// 2026-12-04T12:00:01Z master 9f3c2d1 OutOfSync Healthy 12 objects 0.18s
/// 2026-12-04T12:00:31Z master error: cluster at https://10.0.0.1:6443 did not answer within 30 s (GET /api/v1/…)
/// ```
public enum PassLine {
    /// The line of a pass that reconciled.
    public static func render(_ outcome: ReconcileOutcome, duration: Duration?, at time: Date) -> String {
        var words = [stamp(time), outcome.environment, String(outcome.revision.prefix(7)),
                     outcome.isSynced ? "Synced" : "OutOfSync", outcome.health.status.rawValue,
                     "\(outcome.diff.objects.count) object\(outcome.diff.objects.count == 1 ? "" : "s")"]
        if let duration { words.append(seconds(duration)) }
        return TerminalText.neutralised(words.joined(separator: " "))
    }

    /// The line of a pass that could not reconcile.
    public static func render(environment: String, failure: ReconcileError, at time: Date) -> String {
        TerminalText.neutralised("\(stamp(time)) \(environment) error: \(failure)")
    }

    /// Whether a pass is worth a full report rather than its line: it applied something.
    public static func changedSomething(_ outcome: ReconcileOutcome) -> Bool {
        outcome.changeSet != nil || outcome.autoRollback != nil
    }

    /// RFC 3339 in UTC, to the second, as Kubernetes writes times.
    static func stamp(_ time: Date) -> String {
        // A format style, not an `ISO8601DateFormatter` made per line: making one (ICU) cost more
        // than the rest of a thousand unchanged environments' pass.
        time.formatted(.iso8601)
    }

    /// `0.21s`
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        let value = Double(whole) + Double(fraction) / 1e18
        return String(format: "%.2fs", value)
    }
}
