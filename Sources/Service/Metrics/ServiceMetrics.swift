import CoreMetrics
import Reconciler

/// The service's own families, recorded through swift-metrics like the reconciler's.
///
/// ```
/// mooring_webhook_requests_total{provider="github",result="accepted"} 3
/// mooring_lease_held{environment="develop"} 1
/// ```
public enum ServiceMetrics {
    public static let webhookRequests = "mooring_webhook_requests_total"
    public static let leaseHeld = "mooring_lease_held"

    /// How a webhook request ended.
    public enum WebhookResult: String, Sendable, CaseIterable {
        /// Signed, a push the configuration tracks: reconcile triggered (202).
        case accepted
        /// Signed, but nothing to do: a ping, another event, or a repository or ref no environment tracks.
        case ignored
        /// Bad or missing signature or token (401).
        case unauthorized
        /// Over the size limit (413).
        case tooLarge = "too-large"
        /// Signed but unreadable (400).
        case badRequest = "bad-request"
    }

    /// Registers the families at 0 for what this process serves, so a scrape sees them (and
    /// alerts on `rate()` work) before the first event.
    public static func register(providers: [WebhookProvider], environments: [String]) {
        for provider in providers {
            for result in WebhookResult.allCases {
                Counter(label: webhookRequests, dimensions: [("provider", provider.rawValue), ("result", result.rawValue)]).increment(by: 0)
            }
        }
        for environment in environments { leaseHeld(environment, false) }
    }

    static func webhook(_ provider: WebhookProvider, _ result: WebhookResult) {
        Counter(label: webhookRequests, dimensions: [("provider", provider.rawValue), ("result", result.rawValue)]).increment()
    }

    /// 1 while this replica holds the environment's Lease, else 0.
    public static func leaseHeld(_ environment: String, _ held: Bool) {
        Gauge(label: leaseHeld, dimensions: [("environment", environment)]).record(held ? 1 : 0)
    }
}
