import ArgumentParser
import Foundation
import Reconciler

/// `mooring run [--once]`: the poller. With `--once`, one pass: exit 0 when every environment is
/// Synced and Healthy, 1 otherwise, 2 when an environment could not be reconciled at all.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Reconcile every environment, every interval.")

    @OptionGroup var options: ConfigurationOptions
    @Flag(name: .long, help: "Do one pass and exit.") var once = false
    @Flag(name: .long, help: "Print the requests each environment sent, on stderr.") var stats = false

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options, stats: stats)
        let code = try await setup.run { setup in
            var reconcilers: [EnvironmentReconciler] = []
            for environment in setup.configuration.environments {
                reconcilers.append(try await setup.reconciler(for: environment))
            }
            let poller = Poller(source: setup.source, reconcilers: reconcilers,
                                schedule: PollSchedule(interval: setup.configuration.repository.interval))
            if once {
                let code = RunCommand.exitCode(for: await poller.pass(), print: true)
                setup.counters?.report()
                return code
            }
            let stop = StopSignal()
            let handlers = SignalHandlers.install(stop)
            let counters = setup.counters
            await poller.run(until: stop) { results in
                _ = RunCommand.exitCode(for: results, print: true)
                counters?.report()
            }
            withExtendedLifetime(handlers) {}
            return 0
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// Prints each environment's result; 2 if any failed to reconcile, else 1 if any is not Synced and Healthy.
    static func exitCode(for results: [EnvironmentResult], print shouldPrint: Bool) -> Int32 {
        var code: Int32 = 0
        for result in results {
            switch result.outcome {
            case .success(let outcome):
                if shouldPrint { print(TextOutput.outcome(outcome)) }
                if !outcome.isSyncedAndHealthy { code = max(code, 1) }
            case .failure(let error):
                FileHandle.standardError.write(Data((TextOutput.failure(environment: result.environment, error) + "\n").utf8))
                code = 2
            }
        }
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
