import ArgumentParser
import Foundation
import Manifests
import Reconciler
import Reports

/// `mooring render`: an environment's objects at a revision, as YAML, like `kustomize build`.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print an environment's objects at a revision of the config repository as YAML.",
        discussion: "Warnings (such as unquoted YAML 1.1 booleans where Kubernetes expects strings) go to stderr.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var revision: RevisionOption
    @OptionGroup var output: FormatOption

    @Flag(help: "Print one line per object instead of YAML.")
    var summary = false

    @Flag(help: "Print the values of Secrets (masked as *** by default).")
    var showSecrets = false

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options, clusters: false)
        let environment = try setup.environment(self.environment.env)
        try await setup.source.fetch()
        let commit = try await setup.source.resolve(revision.revision ?? environment.ref)
        let rendered = try await setup.source.render(revision: commit, path: environment.path)

        for warning in rendered.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        let objects = rendered.objects.map { showSecrets ? $0.object : SecretMask.masked($0.object) }
        if output.isJSON {
            print(CommandJSON.render(objects), terminator: "")
        } else if summary {
            print("# \(environment.name) at \(commit.prefix(12)): \(rendered.objects.count) objects")
            for object in rendered.objects {
                print("\(object.identity)  (\(object.source))")
            }
        } else {
            print(YAML.dumpDocuments(objects), terminator: "")
        }
    }
}
