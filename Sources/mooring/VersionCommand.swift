import ArgumentParser
import Foundation
import GitSource
import Manifests
import Reconciler

/// `mooring version`: what was built, which C libraries it runs on, and which kustomize renders
/// overlays (`render.kustomize.binary` of the configuration, if there is one).
///
/// ```
/// mooring 0.1.0
/// libgit2 1.5.1 (transports: https, ssh, threads)
/// libyaml 0.2.5
/// Kubernetes API 1.32 schema
/// kustomize: kubectl kustomize (/usr/bin/kubectl) v5.5.0
/// ```
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print Mooring's version, its C libraries, the git transports libgit2 supports and the kustomize it runs.")

    static let mooringVersion = "0.1.0"

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        print("mooring \(Self.mooringVersion)")
        print("libgit2 \(GitLibrary.version) (transports: \(GitLibrary.transports.joined(separator: ", ")))")
        print("libyaml \(YAML.libraryVersion)")
        print("Kubernetes API 1.32 schema")
        print("kustomize: \(await kustomizeLine())")
    }

    /// The kustomize overlays render with and its version, or why there is none; never an error,
    /// so `version` works without a configuration or a kustomize.
    private func kustomizeLine() async -> String {
        let configured = FileManager.default.fileExists(atPath: options.config) ? (try? options.load())?.render.kustomize : nil
        let settings = (configured ?? KustomizeSettings()).resolvingBinary(against: options.directory)
        do {
            let tool = try KustomizeTool.locate(settings)
            do { return "\(tool) \(try await tool.version())" } catch { return "\(tool), version unknown: \(error)" }
        } catch {
            return "none (\(error))"
        }
    }
}
