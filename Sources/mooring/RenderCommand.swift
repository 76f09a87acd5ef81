import ArgumentParser
import Foundation
import Manifests
import Reconciler

/// `mooring render`: an environment's objects at a revision, as YAML, like `kustomize build`.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print an environment's objects at a revision of the config repository as YAML.",
        discussion: "Warnings (such as unquoted YAML 1.1 booleans where Kubernetes expects strings) go to stderr.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "The environment to render.")
    var env: String

    @Option(help: "A branch, tag or commit of the config repository (default: the environment's ref).")
    var revision: String?

    @Flag(help: "Print one line per object instead of YAML.")
    var summary = false

    @Flag(help: "Print the values of Secrets (masked as *** by default).")
    var showSecrets = false

    func run() async throws {
        let configuration = try options.load()
        let environment = try options.environment(env, in: configuration)
        let source = try await GitConfigSource.open(
            configuration, configDirectory: options.directory, cacheFolder: options.cacheFolder)
        try await source.fetch()
        let commit = try await source.resolve(revision ?? environment.ref)
        let rendered = try await source.render(revision: commit, path: environment.path)

        for warning in rendered.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if summary {
            print("# \(environment.name) at \(commit.prefix(12)): \(rendered.objects.count) objects")
            for object in rendered.objects {
                print("\(object.identity)  (\(object.source))")
            }
        } else {
            print(YAML.dumpDocuments(rendered.objects.map { showSecrets ? $0.object : SecretMask.masked($0.object) }), terminator: "")
        }
    }
}
