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

    /// Where the embedded cluster of `cluster: local` keeps its state.
    var localClusterFolder: String { directory + "/.mooring/cluster" }

    /// Reads the file; with `checkingClusters`, each `kubeconfig` cluster's context is checked
    /// against its file too (one pass, every problem with its line).
    func load(checkingClusters: Bool = false) throws -> MooringConfiguration {
        let contexts: ((String?) -> [String]?)? = checkingClusters ? { ClusterConnector.kubeconfigContexts($0) } : nil
        return try MooringConfiguration(contentsOf: config, kubeconfigContexts: contexts)
    }
}

/// `--env NAME`, for the commands about one environment.
struct EnvironmentOption: ParsableArguments {
    @Option(name: .long, help: "The environment.")
    var env: String
}

/// `--revision REF`, for the commands that read an environment at a revision.
struct RevisionOption: ParsableArguments {
    @Option(name: .long, help: "Branch, tag or commit of the config repository (default: the environment's ref).")
    var revision: String?
}

/// A failure the command itself detects, printed as one line.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
