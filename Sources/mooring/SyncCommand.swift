import ArgumentParser
import Foundation
import Reconciler

/// `mooring sync --env NAME [--revision REF] [--dry-run]`: applies a revision now.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Apply an environment's revision now.")

    @OptionGroup var options: ConfigurationOptions
    @Option(name: .long, help: "The environment.") var env: String
    @Option(name: .long, help: "Branch, tag or commit (default: the environment's ref).") var revision: String?
    @Flag(name: .long, help: "Only show what would be done.") var dryRun = false

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        let synced = try await setup.run { setup in
            let reconciler = try await setup.reconciler(for: try options.environment(env, in: setup.configuration))
            try await setup.fetch()
            let outcome = try await reconciler.sync(ref: revision, dryRun: dryRun)
            print(TextOutput.outcome(outcome))
            return dryRun || outcome.isSyncedAndHealthy
        }
        if !synced { throw ExitCode(1) }
    }
}
