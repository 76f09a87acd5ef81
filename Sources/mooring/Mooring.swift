import ArgumentParser
import Foundation

/// The `mooring` command: subcommands are declared here, each in its own file.
///
/// Exit codes are a contract scripts rely on: 0 success / in sync and healthy, 1 differences found
/// or health failed, 2 any error, with one line on stderr.
@main
struct Mooring: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mooring",
        abstract: "Keeps Kubernetes clusters moored to a config repository.",
        subcommands: [
            VersionCommand.self,
            RenderCommand.self,
            ClusterCommand.self,
            PromoteCommand.self,
            DebugCommand.self,
            RunCommand.self,
            SyncCommand.self,
            DiffCommand.self,
            StatusCommand.self,
            HistoryCommand.self,
            RollbackCommand.self,
            HealthCommand.self,
            NotifyCommand.self,
        ])

    /// Parses and runs, mapping every failure to exit code 2 with one line on stderr.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {  // --help and the like
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // Usage errors keep ArgumentParser's full message; everything else is one line.
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            } else {
                FileHandle.standardError.write(Data("error: \(String(describing: error))\n".utf8))
            }
            Foundation.exit(2)
        }
    }
}
