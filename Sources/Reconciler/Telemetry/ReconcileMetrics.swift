import CoreMetrics
import Foundation
import Synchronization

/// The reconciler's metrics, recorded where things happen through the swift-metrics API: the
/// process decides the backend (Prometheus in `mooring run --listen`, none elsewhere), so this
/// module never knows about exposition. Labels carry environment names, revisions and states,
/// never a credential or Secret data.
///
/// ```
/// mooring_reconcile_duration_seconds_bucket{environment="develop",result="success",le="0.5"} 3
/// mooring_operations_total{environment="develop",operation="sync",result="Succeeded"} 1
/// mooring_environment_sync_status{environment="develop",status="Synced"} 1
/// mooring_environment_health_status{environment="develop",status="Healthy"} 1
/// mooring_environment_info{environment="develop",revision="9f2c…"} 1
/// mooring_drift_objects{environment="develop"} 0
/// mooring_drift_events_total{environment="develop"} 2
/// mooring_git_fetch_duration_seconds_bucket{le="0.1"} 12
/// mooring_git_fetch_failures_total 0
/// ```
public enum ReconcileMetrics {
    public static let reconcileDuration = "mooring_reconcile_duration_seconds"
    public static let operationsTotal = "mooring_operations_total"
    public static let syncStatus = "mooring_environment_sync_status"
    public static let healthStatus = "mooring_environment_health_status"
    public static let environmentInfo = "mooring_environment_info"
    public static let driftObjects = "mooring_drift_objects"
    public static let driftEvents = "mooring_drift_events_total"
    public static let gitFetchDuration = "mooring_git_fetch_duration_seconds"
    public static let gitFetchFailures = "mooring_git_fetch_failures_total"

    /// The states the sync-status gauge has one series for each.
    public static let syncStates = ["Synced", "OutOfSync", "Unknown"]

    /// One reconcile of an environment ended: its duration, and the environment's state after it.
    public static func record(_ result: EnvironmentResult, duration: Duration) {
        withSeries(of: result.environment) { series in
            switch result.outcome {
            case .success(let outcome):
                series.succeeded.recordInterval(duration)
                series.setSync(outcome.isSynced ? "Synced" : "OutOfSync")
                series.setHealth(outcome.health.status)
                series.setRevision(outcome.revision)
                series.drift.record(outcome.isSynced ? 0 : max(outcome.diff.outOfSync.count, 1))
            case .failure:
                series.failed.recordInterval(duration)
                series.setSync("Unknown")
                series.setHealth(.unknown)
            }
        }
    }

    /// An operation (sync, rollback, auto-rollback, self-heal, prune) was recorded in the history.
    public static func recordOperation(environment: String, _ operation: SyncOperation, result: OperationResult) {
        Counter(label: operationsTotal, dimensions: [
            ("environment", environment), ("operation", operation.rawValue), ("result", result.rawValue),
        ]).increment()
    }

    /// The live cache saw a tracked object of the environment change in the cluster (which
    /// schedules its reconcile at once).
    public static func recordDriftEvent(environment: String) {
        Counter(label: driftEvents, dimensions: [("environment", environment)]).increment()
    }

    /// One fetch of the config repository.
    public static func recordFetch(duration: Duration, failed: Bool) {
        CoreMetrics.Timer(label: gitFetchDuration).recordInterval(duration)
        let failures = Counter(label: gitFetchFailures)
        // Registered at 0 so the family is there before the first failure.
        failures.increment(by: failed ? 1 : 0)
    }

    /// Each environment's series, made once: asking the registry for a series copies the table
    /// of its family, so making ten per reconcile cost a pass time in the square of the
    /// environments (a fifth of a pass over a thousand unchanged ones). Kept only once a backend
    /// is bootstrapped (series made before that would stay no-ops).
    private static let environments = Mutex<[String: EnvironmentSeries]>([:])

    private static func withSeries(of environment: String, _ body: (inout EnvironmentSeries) -> Void) {
        guard !(MetricsSystem.factory is NOOPMetricsHandler) else {
            var series = EnvironmentSeries(environment)
            return body(&series)
        }
        environments.withLock { known in
            body(&known[environment, default: EnvironmentSeries(environment)])
        }
    }
}

/// One environment's series of the reconcile families.
private struct EnvironmentSeries {
    let environment: String
    let succeeded: CoreMetrics.Timer
    let failed: CoreMetrics.Timer
    let sync: [(state: String, gauge: Gauge)]
    let health: [(status: HealthStatus, gauge: Gauge)]
    let drift: Gauge
    /// The info series of the revision last reported: removed when the revision is no longer
    /// the environment's, as Argo CD's `argocd_app_info` does.
    var info: (revision: String, gauge: Gauge)?

    init(_ environment: String) {
        self.environment = environment
        succeeded = CoreMetrics.Timer(label: ReconcileMetrics.reconcileDuration, dimensions: [("environment", environment), ("result", "success")])
        failed = CoreMetrics.Timer(label: ReconcileMetrics.reconcileDuration, dimensions: [("environment", environment), ("result", "error")])
        sync = ReconcileMetrics.syncStates.map {
            ($0, Gauge(label: ReconcileMetrics.syncStatus, dimensions: [("environment", environment), ("status", $0)]))
        }
        health = HealthStatus.allCases.map {
            ($0, Gauge(label: ReconcileMetrics.healthStatus, dimensions: [("environment", environment), ("status", $0.rawValue)]))
        }
        drift = Gauge(label: ReconcileMetrics.driftObjects, dimensions: [("environment", environment)])
    }

    func setSync(_ state: String) {
        for (candidate, gauge) in sync { gauge.record(candidate == state ? 1 : 0) }
    }

    func setHealth(_ status: HealthStatus) {
        for (candidate, gauge) in health { gauge.record(candidate == status ? 1 : 0) }
    }

    mutating func setRevision(_ revision: String) {
        if let info, info.revision == revision { return info.gauge.record(1) }
        info?.gauge.destroy()
        let gauge = Gauge(label: ReconcileMetrics.environmentInfo, dimensions: [("environment", environment), ("revision", revision)])
        gauge.record(1)
        info = (revision, gauge)
    }
}

extension CoreMetrics.Timer {
    /// Records a Swift `Duration`.
    func recordInterval(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
