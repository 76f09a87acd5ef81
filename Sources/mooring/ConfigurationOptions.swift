import ArgumentParser
import Foundation
import Reconciler

/// `--config FILE`, shared by every command that reads `mooring.yaml`.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config: String = "mooring.yaml"

    /// The file's folder: relative repository paths and the `.mooring/` state folder hang off it.
    var directory: String {
        URL(fileURLWithPath: config).deletingLastPathComponent().standardizedFileURL.path
    }

    @Option(name: .long, help: ArgumentHelp("Where repository mirrors are cached (default: .mooring/cache beside the configuration).", valueName: "folder"))
    var cacheDir: String?

    /// Where repository mirrors are cached between runs (in a pod: an emptyDir, since the
    /// configuration's folder is a read-only ConfigMap).
    var cacheFolder: String { cacheDir ?? directory + "/.mooring/cache" }

    func load() throws -> MooringConfiguration {
        try MooringConfiguration(contentsOf: config)
    }

    /// The named environment, or an error listing the ones that exist.
    func environment(_ name: String, in configuration: MooringConfiguration) throws -> EnvironmentConfiguration {
        guard let environment = configuration.environment(named: name) else {
            let known = configuration.environments.map(\.name).joined(separator: ", ")
            throw CommandError("no environment \"\(name)\" in \(config) (it has: \(known))")
        }
        return environment
    }
}

/// A failure the command itself detects, printed as one line.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
