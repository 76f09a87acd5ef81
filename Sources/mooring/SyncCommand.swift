import ArgumentParser
import Reconciler
import Reports

/// `mooring sync --env NAME [--revision REF] [--dry-run]`: applies a revision now and reports
/// what was done. Exit 0 Synced and Healthy (or a dry run), 1 otherwise, 2 error.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Apply an environment's revision now.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var detail: DetailOptions
    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var revision: RevisionOption
    @Flag(name: .long, help: "Only show what would be done.") var dryRun = false
    @OptionGroup var lease: LeaseOptions

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        let (report, synced) = try await setup.run { setup in
            let reconciler = try await setup.reconciler(for: try setup.environment(environment.env),
                                                        lock: (.perOperation, !lease.noWait))
            try await setup.source.fetch()
            let outcome = try await reconciler.sync(ref: revision.revision, dryRun: dryRun)
            return (Report(kind: .sync, title: "Mooring sync: \(environment.env)", environments: EnvironmentReport.parts(of: outcome)),
                    dryRun || outcome.isSyncedAndHealthy)
        }
        try output.emit(report, detailed: detail.diff)
        if !synced { throw ExitCode(1) }
    }
}
