import ArgumentParser
import Reconciler
import Reports

/// `mooring rollback --env NAME [--to REVISION] [--push]`: reverts commits in the config
/// repository (git stays the truth); the next sync applies and records the rollback.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rollback", abstract: "Revert an environment's commits in git.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var environment: EnvironmentOption
    @Option(name: .long, help: "Revert every commit after this one (default: only the newest).") var to: String?
    @Flag(name: .long, help: "Push the revert commits.") var push = false
    @OptionGroup var output: FormatOption

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options, clusters: false)
        try await setup.run { setup in
            let environment = try setup.environment(self.environment.env)
            try await setup.source.fetch()
            let reverts = try await GitRollback(mirror: setup.source.mirror)
                .revert(path: environment.path, branch: environment.ref, to: to, push: push)
            if output.isJSON {
                print(CommandJSON.rollback(environment: environment.name, reverts: reverts, pushed: push), terminator: "")
            } else if reverts.isEmpty {
                print("\(environment.name): nothing to revert")
            } else {
                for revert in reverts { print("\(environment.name): created revert commit \(revert.prefix(7))\(push ? " (pushed)" : "")") }
                if !push { print("not pushed: run again with --push to publish the revert") }
            }
        }
    }
}
