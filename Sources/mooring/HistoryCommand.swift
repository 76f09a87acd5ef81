import ArgumentParser
import Reconciler

/// `mooring history --env NAME`: the operations recorded in the cluster, newest first.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show an environment's recorded operations.")

    @OptionGroup var options: ConfigurationOptions
    @Option(name: .long, help: "The environment.") var env: String

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        try await setup.run { setup in
            let reconciler = try await setup.reconciler(for: try options.environment(env, in: setup.configuration))
            print(TextOutput.history(try await reconciler.history()))
        }
    }
}
