import CoreMetrics

/// Notifications' counters, through swift-metrics (the process's backend exports them; `/metrics`
/// in `mooring run --listen`):
///
/// ```
/// mooring_notifications_total{target="team-chat",event="sync-failed",result="success"} 1
/// mooring_notifications_dropped_total{target="team-chat"} 0
/// ```
/// `result` is `success` (a 2xx answer) or `failure` (refused, or no answer after every attempt);
/// `event` is the event's name, or `pending` for a commit status set as an apply starts.
public struct NotifyMetrics: Sendable {
    public static let total = "mooring_notifications_total"
    public static let dropped = "mooring_notifications_dropped_total"

    public enum Result: String, Sendable, CaseIterable {
        case success, failure
    }

    let factory: any MetricsFactory

    /// - Parameter factory: the backend; the default is the process's bootstrapped one.
    public init(factory: any MetricsFactory = MetricsSystem.factory) { self.factory = factory }

    func record(target: String, event: String, _ result: Result) {
        Counter(label: Self.total, dimensions: [("target", target), ("event", event), ("result", result.rawValue)], factory: factory).increment()
    }

    func dropped(target: String) {
        Counter(label: Self.dropped, dimensions: [("target", target)], factory: factory).increment()
    }

    /// Every target's dropped counter at 0, so a scrape sees the family before the first drop.
    func register(targets: [String]) {
        for target in targets { Counter(label: Self.dropped, dimensions: [("target", target)], factory: factory).increment(by: 0) }
    }
}
