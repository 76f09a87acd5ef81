import CoreMetrics
import Metrics
import Prometheus
import Reconciler

/// The process's metrics registry: swift-metrics bootstrapped once with swift-prometheus, so
/// every `Counter`, `Gauge` and `Timer` the modules create lands here and `/metrics` prints it.
/// Only this module and the CLI know the backend; the others record through swift-metrics.
///
/// To add a family: record it where the event happens with swift-metrics (`Counter(label:
/// "mooring_…", dimensions: …)`); give a histogram its buckets in `buckets` below.
public final class PrometheusExport: Sendable {
    public let registry: PrometheusCollectorRegistry

    /// The one registry of this process (swift-metrics can be bootstrapped only once).
    public static let shared = PrometheusExport()

    /// Duration buckets per histogram, in seconds: reconciles and fetches take longer than the
    /// default web-request buckets expect.
    static let buckets: [String: [Duration]] = [
        ReconcileMetrics.reconcileDuration: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300].map { .milliseconds(Int($0 * 1000)) },
        ReconcileMetrics.gitFetchDuration: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30].map { .milliseconds(Int($0 * 1000)) },
    ]

    private init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = Self.buckets
        MetricsSystem.bootstrap(factory)
    }

    /// The Prometheus text exposition format (version 0.0.4).
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
