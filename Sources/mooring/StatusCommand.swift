import ArgumentParser
import Reconciler
import Reports

/// `mooring status`: environment, revision, sync status, health, last operation and when.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show every environment's state.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        try await setup.run { setup in
            try await setup.source.fetch()
            var rows: [(String, Result<EnvironmentStatus, ReconcileError>)] = []
            for environment in setup.configuration.environments {
                do {
                    rows.append((environment.name, .success(try await setup.reconciler(for: environment).status())))
                } catch let error as ReconcileError {
                    rows.append((environment.name, .failure(error)))
                } catch {
                    rows.append((environment.name, .failure(.cluster("\(error)"))))
                }
            }
            print(output.isJSON ? CommandJSON.status(rows) : StatusTable.render(rows), terminator: output.isJSON ? "" : "\n")
        }
    }
}
