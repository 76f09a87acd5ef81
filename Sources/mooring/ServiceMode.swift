import Foundation
import Logging
import Reconciler
import Service
import ServiceLifecycle

/// `mooring run --listen`: the reconcile loop and the HTTP service as one swift-service-lifecycle
/// group. SIGTERM or SIGINT stops new work; the apply in progress finishes, the Leases are
/// released, and the process exits 0.
enum ServiceMode {
    static func run(_ setup: ReconcilerSetup, reconcilers: [EnvironmentReconciler], address: ListenAddress,
                    options: ServiceOptions, report: @escaping @Sendable ([EnvironmentResult]) async -> Void) async throws {
        (options.logFormat ?? .automatic).bootstrap(level: options.logLevel)
        let logger = Logger(label: "mooring")
        let metrics = PrometheusExport.shared
        let configuration = setup.configuration
        let secrets = try WebhookSecret.load(configuration.server.webhooks)

        ServiceMetrics.register(providers: secrets.keys.sorted(), environments: reconcilers.map(\.environment.name))
        // Progress goes to the log, at debug: the log is the service's only voice besides /metrics.
        let reconcilers = reconcilers.map { reconciler in
            var reconciler = reconciler
            let name = reconciler.environment.name
            reconciler.progress = SyncProgress { line in logger.debug("\(line)", metadata: ["environment": "\(name)"]) }
            return reconciler
        }
        let readiness = Readiness()
        readiness.configurationLoaded()
        for cluster in Set(reconcilers.map(\.environment.cluster.description)).sorted() {
            readiness.cluster(cluster, failure: "not reached yet")
        }
        let loop = ReconcileLoop(source: setup.source, reconcilers: reconcilers,
                                 schedule: PollSchedule(interval: configuration.repository.interval),
                                 readiness: readiness, logger: logger, report: report)
        let routing = PushRouting(repositoryURL: configuration.repository.url.redacted, environments: configuration.environments)
        let server = ServiceServer(address: address, providers: [
            HealthRoutes(readiness: readiness),
            MetricsRoutes(export: metrics),
            WebhookRoutes(secrets: secrets, routing: routing, trigger: loop, logger: logger),
        ], logger: logger)
        logger.info("starting", metadata: [
            "listen": "\(address)", "environments": "\(reconcilers.map(\.environment.name).joined(separator: ","))",
            "webhooks": "\(secrets.keys.sorted().map(\.rawValue).joined(separator: ","))",
        ])
        // Shut down in reverse order: the loop first (finishing its apply), the server last, so
        // probes and metrics answer until the end.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: loop, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
