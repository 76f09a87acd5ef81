import Foundation
import Logging
import Notify
import Reconciler
import Service
import ServiceLifecycle

/// `mooring run --listen`: the reconcile loop and the HTTP service as one swift-service-lifecycle
/// group. SIGTERM or SIGINT stops new work; the apply in progress finishes, the Leases are
/// released, and the process exits 0.
enum ServiceMode {
    /// Bootstraps swift-metrics with the Prometheus registry `/metrics` exports; whatever takes
    /// its metrics factory at creation (the notifier) must come after.
    static func bootstrapMetrics() { _ = PrometheusExport.shared }

    static func run(_ setup: ReconcilerSetup, reconcilers: [EnvironmentReconciler], caches: [LiveCache] = [], address: ListenAddress,
                    options: ServiceOptions, notifier: Notifier? = nil,
                    report: @escaping @Sendable ([EnvironmentResult]) async -> Void) async throws {
        (options.logFormat ?? .automatic).bootstrap(level: options.logLevel)
        let logger = Logger(label: "mooring")
        let metrics = PrometheusExport.shared
        let configuration = setup.configuration
        let secrets = try WebhookSecret.load(configuration.server.webhooks)
        // A mirror a fetch found damaged and cloned again is news for the log, once.
        setup.source.reportRebuilds(to: SyncProgress { line in logger.warning("\(line)") })

        ServiceMetrics.register(providers: secrets.keys.sorted(), environments: reconcilers.map(\.environment.name))
        // Progress goes to the log, at debug: the log is the service's only voice besides /metrics.
        // Replicas share the environments through their Leases: each reconcile holds its
        // environment's Lease (never waiting for it: the claims decide who applies), under one
        // identity per replica (the pod's name in a cluster).
        let identity = ProcessInfo.processInfo.environment["POD_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? LeaseLock.processIdentity()
        let timing = configuration.server.lease
        var leased: [EnvironmentReconciler] = []
        for var reconciler in reconcilers {
            let name = reconciler.environment.name
            reconciler.progress = SyncProgress { line in logger.debug("\(line)", metadata: ["environment": "\(name)"]) }
            if let notifier { reconciler.progress = reconciler.progress.forwarding(milestonesTo: notifier.reached) }
            // A Lease is decided on the server's word, never the live cache's, through a client
            // of its own so its renewals never queue behind the applies (`ClientTraffic.leases`).
            let leases = try await setup.connector.client(for: reconciler.environment.cluster, rateLimit: reconciler.environment.clientRateLimit,
                                                          requestTimeout: reconciler.environment.requestTimeout, traffic: .leases)
            reconciler.lock = EnvironmentLock(environment: reconciler.environment, cluster: leases, wait: false,
                                              tenure: .untilReleased, timing: timing, identity: identity)
            leased.append(reconciler)
        }
        let reconcilers = leased
        // Each cluster elects on its own (a hung one holds up only its environments). The
        // replicas' census reads the Leases from the live cache (no LIST while idle); each
        // environment's Lease is still taken and renewed on the server's word.
        var clusters: [LeaseClaims.Cluster] = []
        for reconciler in reconcilers {
            guard let lock = reconciler.lock else { continue }
            let name = reconciler.environment.cluster.description, lease = (reconciler.environment.name, lock.lease as any EnvironmentLease)
            if let index = clusters.firstIndex(where: { $0.name == name }) {
                clusters[index].leases.append(lease)
                clusters[index].requestTimeout = max(clusters[index].requestTimeout, reconciler.environment.requestTimeout)
            } else {
                clusters.append(LeaseClaims.Cluster(name: name, client: reconciler.cluster, requestTimeout: reconciler.environment.requestTimeout,
                                                    leases: [lease]))
            }
        }
        let claims = LeaseClaims(clusters: clusters, identity: identity, timings: timing, logger: logger)
        let readiness = Readiness()
        readiness.configurationLoaded()
        readiness.expect(reconcilers.map(\.environment.name))
        // The dashboard reads what the loop reports, and acts through the loop's turns.
        let board = DashboardBoard(environments: configuration.environments)
        let reader = ReconcilerDashboardReader(reconcilers: reconcilers, source: setup.source, promoter: Promoter(source: setup.source))
        let auth = try DashboardAuth.load(configuration.server.auth)
        let loop = ReconcileLoop(source: setup.source, reconcilers: reconcilers,
                                 schedule: PollSchedule(interval: configuration.repository.interval),
                                 claims: claims, readiness: readiness, logger: logger,
                                 report: { results in
                                     for result in results {
                                         // A cluster that did not answer would not answer for its history either.
                                         if case .failure(.cluster) = result.outcome {
                                             board.finished(result, history: nil)
                                         } else {
                                             await board.finished(result, reading: reader)
                                         }
                                     }
                                     await report(results)
                                 },
                                 roundStarted: { names, reasons in
                                     for name in names { board.started([name], reason: reasons[name] ?? "poll") }
                                 })
        // A change to a tracked object (an edit, a scale, a deletion) reconciles its environment now.
        for cache in caches {
            cache.onChange { [loop] change in
                guard let environment = change.environment else { return }
                ReconcileMetrics.recordDriftEvent(environment: environment)
                loop.reconcileDrifted([environment], reason: "drift: \(change)")
            }
        }
        let dashboard = Dashboard(board: board, reader: reader, auth: auth,
                                  actions: auth.signInAvailable ? LoopActions(loop: loop, board: board, reader: reader, source: setup.source, report: report) : nil)
        let routing = PushRouting(repositoryURL: configuration.repository.url.redacted, environments: configuration.environments)
        let server = ServiceServer(address: address, providers: [
            HealthRoutes(readiness: readiness),
            MetricsRoutes(export: metrics),
            WebhookRoutes(secrets: secrets, routing: routing, trigger: loop, logger: logger),
        ] + dashboard.routeProviders, logger: logger)
        logger.info("starting", metadata: [
            "listen": "\(address)", "identity": "\(identity)", "environments": "\(reconcilers.map(\.environment.name).joined(separator: ","))",
            "webhooks": "\(secrets.keys.sorted().map(\.rawValue).joined(separator: ","))",
        ])
        // Shut down in reverse order: the loop first (finishing its apply), the server last, so
        // probes and metrics answer until the end.
        // Named, not described: the default name is `"\(service)"`, which prints the server's
        // whole value — every reconciler and its siblings (gigabytes with 1,000 environments).
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "http"),
                .init(service: loop, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "reconcile-loop"),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
