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
        let environment = result.environment
        switch result.outcome {
        case .success(let outcome):
            CoreMetrics.Timer(label: reconcileDuration, dimensions: [("environment", environment), ("result", "success")]).recordInterval(duration)
            setSync(environment, outcome.isSynced ? "Synced" : "OutOfSync")
            setHealth(environment, outcome.health.status)
            setRevision(environment, outcome.revision)
            Gauge(label: driftObjects, dimensions: [("environment", environment)])
                .record(outcome.isSynced ? 0 : max(outcome.diff.outOfSync.count, 1))
        case .failure:
            CoreMetrics.Timer(label: reconcileDuration, dimensions: [("environment", environment), ("result", "error")]).recordInterval(duration)
            setSync(environment, "Unknown")
            setHealth(environment, .unknown)
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

    private static func setSync(_ environment: String, _ state: String) {
        for candidate in syncStates {
            Gauge(label: syncStatus, dimensions: [("environment", environment), ("status", candidate)]).record(candidate == state ? 1 : 0)
        }
    }

    private static func setHealth(_ environment: String, _ status: HealthStatus) {
        for candidate in HealthStatus.allCases {
            Gauge(label: healthStatus, dimensions: [("environment", environment), ("status", candidate.rawValue)])
                .record(candidate == status ? 1 : 0)
        }
    }

    /// The revisions last reported per environment: an info series is removed when its
    /// revision is no longer the environment's, as Argo CD's `argocd_app_info` does.
    private static let revisions = Mutex<[String: String]>([:])

    private static func setRevision(_ environment: String, _ revision: String) {
        let previous = revisions.withLock { known -> String? in
            defer { known[environment] = revision }
            return known[environment]
        }
        if let previous, previous != revision {
            Gauge(label: environmentInfo, dimensions: [("environment", environment), ("revision", previous)]).destroy()
        }
        Gauge(label: environmentInfo, dimensions: [("environment", environment), ("revision", revision)]).record(1)
    }
}

extension CoreMetrics.Timer {
    /// Records a Swift `Duration`.
    func recordInterval(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
