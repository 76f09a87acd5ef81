import ArgumentParser
import Foundation
import Reconciler
import Reports

/// `mooring run [--once]`: the poller, reporting each pass. With `--once`, one pass: exit 0 when
/// every environment is Synced and Healthy, 1 otherwise, 2 when an environment could not be
/// reconciled at all (its one-line reason on stderr; the others are still reported).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Reconcile every environment, every interval.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: ReportOutputOptions
    @Flag(name: .long, help: "Do one pass and exit.") var once = false
    @Flag(name: .long, help: "Print the requests each environment sent, on stderr.") var stats = false
    @OptionGroup var lease: LeaseOptions
    @OptionGroup var service: ServiceOptions

    func validate() throws {
        if once && service.listen != nil { throw ValidationError("--once and --listen do not go together: the service runs until stopped") }
    }

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options, stats: stats)
        let code = try await setup.run { setup in
            let stop = StopSignal()
            var reconcilers: [EnvironmentReconciler] = []
            for environment in setup.configuration.environments {
                // A continuous run keeps each environment's Lease: a second runner is a standby,
                // whose wait ends when it is told to stop.
                var reconciler = try await setup.reconciler(for: environment, lock: (once ? .perOperation : .untilReleased, !lease.noWait))
                reconciler.lock?.stop = stop
                reconcilers.append(reconciler)
            }
            let poller = Poller(source: setup.source, reconcilers: reconcilers,
                                schedule: PollSchedule(interval: setup.configuration.repository.interval))
            let assembler = ReportAssembler(source: setup.source)
            if !once, let address = try service.address(in: setup.configuration) {
                let all = reconcilers
                try await ServiceMode.run(setup, reconcilers: all, address: address, options: service) { results in
                    // A round reconciles the environments due, in configuration order.
                    let due = all.filter { reconciler in results.contains { $0.environment == reconciler.environment.name } }
                    setup.counters?.report()
                    _ = try? await report(results, reconcilers: due, assembler: assembler)
                }
                return Int32(0)
            }
            // `--stats` counts the reconcile's requests only: they are reported before the report
            // reads commits and histories.
            if once {
                let results = await poller.pass()
                setup.counters?.report()
                return try await report(results, reconcilers: reconcilers, assembler: assembler)
            }
            let handlers = SignalHandlers.install(stop)
            while !stop.isStopped {
                let results = await poller.pass()
                setup.counters?.report()
                _ = try await report(results, reconcilers: reconcilers, assembler: assembler)
                await stop.sleep(for: poller.schedule.nextDelay(unit: Double.random(in: 0..<1)))
            }
            withExtendedLifetime(handlers) {}
            for reconciler in reconcilers { await reconciler.releaseLease() }
            return 0
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// Emits one report of the pass (failures on stderr); 2 if any environment failed to
    /// reconcile, else 1 if any is not Synced and Healthy.
    private func report(_ results: [EnvironmentResult], reconcilers: [EnvironmentReconciler], assembler: ReportAssembler) async throws -> Int32 {
        var code: Int32 = 0
        var parts: [EnvironmentReport] = []
        for (result, reconciler) in zip(results, reconcilers) {
            switch result.outcome {
            case .success(let outcome):
                parts += await assembler.reports(outcome: outcome, reconciler: reconciler)
                if !outcome.isSyncedAndHealthy { code = max(code, 1) }
            case .failure(let error):
                FileHandle.standardError.write(Data((TextOutput.failure(environment: result.environment, error) + "\n").utf8))
                code = 2
            }
        }
        let names = results.map(\.environment).joined(separator: ", ")
        try output.emit(Report(kind: .sync, title: "Mooring run: \(names)", environments: parts))
        // The poller runs for days with its output in a log: each pass must reach it at once.
        fflush(nil)
        return code
    }
}

/// SIGINT and SIGTERM set the poller's stop signal: the current apply finishes, then it exits.
enum SignalHandlers {
    static func install(_ stop: StopSignal) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.stop() }
            source.resume()
            return source
        }
    }
}
