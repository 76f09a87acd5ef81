import ArgumentParser
import Foundation
import Notify
import Reconciler
import Reports

/// `mooring run [--once]`: the poller, reporting each pass. With `--once`, one pass: exit 0 when
/// every environment is Synced and Healthy, 1 otherwise, 2 when an environment could not be
/// reconciled at all (its one-line reason on stderr; the others are still reported).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Reconcile every environment, every interval.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var detail: DetailOptions
    @Flag(name: .long, help: "Do one pass and exit.") var once = false
    @Flag(name: .long, help: "Print the requests each environment sent, on stderr.") var stats = false
    @Option(name: .long, help: "Seconds to wait for notifications before exiting.") var notifyWait: Int = 30
    @Option(name: .long, help: "How many environments reconcile at once (at least 1).")
    var concurrentEnvironments: Int = EnvironmentSlots.defaultLimit
    @OptionGroup var lease: LeaseOptions
    @OptionGroup var service: ServiceOptions

    func validate() throws {
        if once && service.listen != nil { throw ValidationError("--once and --listen do not go together: the service runs until stopped") }
        if concurrentEnvironments < 1 { throw ValidationError("--concurrent-environments must be at least 1") }
    }

    func run() async throws {
        if !once { MallocTuning.configure() }
        let setup = try await ReconcilerSetup.open(options, stats: stats)
        var kept: [EnvironmentResult] = []
        let code = try await setup.run { setup in
            let stop = StopSignal()
            var reconcilers: [EnvironmentReconciler] = []
            let slots = EnvironmentSlots(limit: concurrentEnvironments)
            for environment in setup.configuration.environments {
                // A continuous run keeps each environment's Lease: a second runner is a standby,
                // whose wait ends when it is told to stop.
                var reconciler = try await setup.reconciler(for: environment, lock: (once ? .perOperation : .untilReleased, !lease.noWait))
                reconciler.lock?.stop = stop
                reconciler.slots = slots
                reconcilers.append(reconciler)
            }
            let address = once ? nil : try service.address(in: setup.configuration)
            // The service's metrics backend must exist before the notifier takes its counters.
            if address != nil { ServiceMode.bootstrapMetrics() }
            let notifier = try setup.notifier(for: &reconcilers)
            // A continuous run reads tracked objects from a live cache per cluster (LIST then
            // WATCH) and hears of drift from it; --once LISTs, like diff and sync.
            var caches: [LiveCache] = []
            if !once { (reconcilers, caches) = try await setup.readingLiveCaches(reconcilers) }
            let poller = Poller(source: setup.source, reconcilers: reconcilers,
                                schedule: PollSchedule(interval: setup.configuration.repository.interval), progress: setup.progress)
            if let address {
                try await ServiceMode.run(setup, reconcilers: reconcilers, caches: caches, address: address, options: service,
                                          notifier: notifier) { results in
                    // As in the loop without --listen: a pass that applied nothing is one line
                    // (a thousand unchanged environments printed a thousand reports a pass).
                    try? reportInLoop(results, all: results, counters: setup.counters, notifier: notifier, failureLines: false)
                    MallocTuning.returnFreeMemory()
                }
                await finish(notifier)
                return Int32(0)
            }
            if once {
                kept = await poller.pass()
                let code = try report(kept, counters: setup.counters, notifier: notifier)
                await finish(notifier)
                return code
            }
            // SIGINT and SIGTERM let the pass in progress finish, then the poller stops and the
            // environments' Leases are given back.
            let signals = TerminationSignals(stopping: stop)
            defer { signals.cancel() }
            let drift = DriftNudges()
            for cache in caches {
                cache.onChange { change in
                    guard let environment = change.environment else { return }
                    ReconcileMetrics.recordDriftEvent(environment: environment)
                    drift.nudge(environment)
                }
            }
            // Environments report one by one; a report written to a file or in a machine format
            // shows the latest result of every environment, so each write replaces the last.
            var latest: [String: EnvironmentResult] = [:]
            let order = reconcilers.map(\.environment.name)
            try await poller.run(until: stop, drift: drift) { results in
                for result in results { latest[result.environment] = result }
                try reportInLoop(results, all: order.compactMap { latest[$0] }, counters: setup.counters, notifier: notifier)
                MallocTuning.returnFreeMemory()
            }
            for reconciler in reconcilers { await reconciler.releaseLease() }
            await finish(notifier)
            return 0
        }
        // The process ends here (the embedded cluster, if any, is stopped): the pass's objects
        // are left to the exit instead of being freed one by one, which took longer than
        // reading them from the cluster.
        withExtendedLifetime((kept, setup)) { Foundation.exit(code) }
    }

    /// Emits one report of the pass (failures on stderr); 2 if any environment failed to
    /// reconcile, else 1 if any is not Synced and Healthy. `--stats` counts the reconcile's
    /// requests only: they are reported first.
    /// - Parameter observing: the results the notifier has not seen yet (default: all).
    private func report(_ results: [EnvironmentResult], counters: RequestCounters?, notifier: Notifier?,
                        observing new: [EnvironmentResult]? = nil) throws -> Int32 {
        counters?.report()
        var code: Int32 = 0
        var parts: [EnvironmentReport] = []
        let fresh = Set((new ?? results).map(\.environment))
        for result in results {
            switch result.outcome {
            case .success(let outcome):
                if fresh.contains(result.environment) { notifier?.observe(outcome) }
                parts += EnvironmentReport.parts(of: outcome)
                if !outcome.isSyncedAndHealthy { code = max(code, 1) }
            case .failure(let error):
                if fresh.contains(result.environment) {
                    FileHandle.standardError.write(Data(TerminalText.neutralised("\(result.environment): error: \(error)").utf8 + [10]))
                }
                code = 2
            }
        }
        let names = results.map(\.environment).joined(separator: ", ")
        try output.emit(Report(kind: .sync, title: "Mooring run: \(names)", environments: parts), detailed: detail.diff)
        // The poller runs for days with its output in a log: each pass must reach it at once.
        fflush(nil)
        return code
    }

    /// In the loop (text on stdout): a pass that applied nothing is one timestamped line, a
    /// failure one timestamped line on stderr (with `failureLines` off, `<environment>: error:`
    /// as `report` says it, what `run --listen` always printed), and only a pass that changed
    /// something a report.
    private func reportInLoop(_ results: [EnvironmentResult], all: [EnvironmentResult], counters: RequestCounters?, notifier: Notifier?,
                              failureLines: Bool = true) throws {
        guard output.format == .text, output.writesToStandardOutput else {
            _ = try report(all, counters: counters, notifier: notifier, observing: results)
            return
        }
        counters?.report()
        let now = Date()
        var reported: [EnvironmentResult] = []
        for result in results {
            switch result.outcome {
            case .success(let outcome) where !PassLine.changedSomething(outcome):
                notifier?.observe(outcome)
                print(PassLine.render(outcome, duration: result.duration, at: now))
            case .success:
                reported.append(result)
            case .failure(let error) where failureLines:
                FileHandle.standardError.write(Data((PassLine.render(environment: result.environment, failure: error, at: now) + "\n").utf8))
            case .failure:
                reported.append(result)
            }
        }
        if !reported.isEmpty { _ = try report(reported, counters: nil, notifier: notifier) }
        fflush(nil)
    }

    /// Waits `--notify-wait` at most for queued notifications; says how many were given up.
    private func finish(_ notifier: Notifier?) async {
        guard let notifier else { return }
        let abandoned = await notifier.finish(within: .seconds(notifyWait))
        if abandoned > 0 {
            FileHandle.standardError.write(Data("mooring: \(abandoned) notification(s) not sent within \(notifyWait)s\n".utf8))
        }
    }
}
