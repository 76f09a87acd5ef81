import ArgumentParser
import Foundation
import Reconciler
import Reports

/// `mooring sync --env NAME [--revision REF] [--dry-run]`: applies a revision now and reports
/// what was done. Exit 0 Synced and Healthy (or a dry run), 1 otherwise, 2 error.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Apply an environment's revision now.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(name: .long, help: "The environment.") var env: String
    @Option(name: .long, help: "Branch, tag or commit (default: the environment's ref).") var revision: String?
    @Flag(name: .long, help: "Only show what would be done.") var dryRun = false
    @OptionGroup var lease: LeaseOptions

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        let (report, synced) = try await setup.run { setup in
            let reconciler = try await setup.reconciler(for: try options.environment(env, in: setup.configuration),
                                                        lock: (.perOperation, !lease.noWait))
            try await setup.fetch()
            let outcome = try await reconciler.sync(ref: revision, dryRun: dryRun)
            let parts = await ReportAssembler(source: setup.source).reports(outcome: outcome, reconciler: reconciler)
            return (Report(kind: .sync, title: "Mooring sync: \(env)", environments: parts), dryRun || outcome.isSyncedAndHealthy)
        }
        try output.emit(report)
        if !synced { throw ExitCode(1) }
    }
}
