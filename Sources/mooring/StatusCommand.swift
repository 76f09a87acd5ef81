import ArgumentParser
import Foundation
import Reconciler
import Reports

/// `mooring status`: environment, revision, sync status, health, last operation and when.
/// Exits as `StatusVerdict` decides: 0 when every environment is Synced and Healthy at its
/// ref, 1 when one needs attention, 2 when one could not be read (its reason on stderr too).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show every environment's state.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        let verdict = try await setup.run { setup in
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
            for case let (name, .failure(error)) in rows {
                FileHandle.standardError.write(Data(TerminalText.neutralised("\(name): error: \(error)").utf8 + [10]))
            }
            return StatusVerdict(rows)
        }
        if verdict != .inSync { throw ExitCode(verdict.exitCode) }
    }
}
