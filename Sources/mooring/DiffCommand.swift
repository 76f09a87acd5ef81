import ArgumentParser
import Reconciler

/// `mooring diff --env NAME [--revision REF]`: exit 0 in sync, 1 differences, 2 error.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show how the cluster differs from a revision.")

    @OptionGroup var options: ConfigurationOptions
    @Option(name: .long, help: "The environment.") var env: String
    @Option(name: .long, help: "Branch, tag or commit (default: the environment's ref).") var revision: String?

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        let inSync = try await setup.run { setup in
            let reconciler = try await setup.reconciler(for: try options.environment(env, in: setup.configuration))
            try await setup.fetch()
            let diff = try await reconciler.diff(ref: revision)
            print(TextOutput.diff(diff))
            return diff.isSynced
        }
        if !inSync { throw ExitCode(1) }
    }
}
