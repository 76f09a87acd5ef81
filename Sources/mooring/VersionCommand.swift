import ArgumentParser
import GitSource
import Manifests

/// `mooring version`: what was built and which C libraries it runs on.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print Mooring's version, its C libraries and the git transports libgit2 supports.")

    static let mooringVersion = "0.1.0"

    func run() throws {
        print("mooring \(Self.mooringVersion)")
        print("libgit2 \(GitLibrary.version) (transports: \(GitLibrary.transports.joined(separator: ", ")))")
        print("libyaml \(YAML.libraryVersion)")
        print("Kubernetes API 1.32 schema")
    }
}
