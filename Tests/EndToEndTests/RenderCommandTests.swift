import Foundation
import Manifests
import TestSupport
import Testing

/// `mooring version` and `mooring render`, run as the built binary against real git repositories
/// (a local path and a `git daemon` on 127.0.0.1).
@Suite struct RenderCommandTests {
    @Test func versionNamesTheLibrariesAndTransports() async throws {
        let run = try await MooringBinary.run(["version"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("libgit2 1."))
        #expect(run.stdout.contains("transports:"))
        #expect(run.stdout.contains("libyaml 0."))
    }

    @Test func rendersBothSampleEnvironmentsFromACommit() async throws {
        let repo = try await RenderRepository.create()
        for environment in ["develop", "master"] {
            let summary = try await MooringBinary.run(["render", "--config", repo.config, "--env", environment, "--summary"])
            #expect(summary.status == 0, "\(summary.stderr)")
            let lines = summary.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(lines.count == 6)
            #expect(lines.contains { $0.hasPrefix("Deployment.apps django-\(environment)/django-admin") })

            // The YAML output reads back to exactly the objects of the files on disk.
            let yaml = try await MooringBinary.run(["render", "--config", repo.config, "--env", environment])
            let rendered = try YAML.load(yaml.stdout, file: "stdout").map(\.value)
            let onDisk = try ManifestRenderer.render(
                directory: repo.repository.work, environmentPath: "environments/\(environment)").objects.map(\.object)
            #expect(rendered == onDisk)
        }
        let master = try await MooringBinary.run(["render", "--config", repo.config, "--env", "master"])
        #expect(master.stdout.contains("replicas: 2"))
        #expect(master.stdout.contains("@sha256:"))
    }

    @Test func rendersAnEarlierRevision() async throws {
        let repo = try await RenderRepository.create()
        let first = try await repo.repository.git("rev-parse", "HEAD")
        try repo.repository.write("environments/develop/deployment.yaml",
                       try repo.repository.read("environments/develop/deployment.yaml").replacingOccurrences(of: "4.2.16-rc.3", with: "4.2.16"))
        try await repo.repository.commit("develop: 4.2.16")

        let now = try await MooringBinary.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(now.stdout.contains("django-admin:4.2.16\n"))
        let then = try await MooringBinary.run(["render", "--config", repo.config, "--env", "develop", "--revision", first])
        #expect(then.status == 0)
        #expect(then.stdout.contains("django-admin:4.2.16-rc.3"))
    }

    @Test func warnsAboutAYAML11BooleanInAConfigMapWithItsLine() async throws {
        let repo = try await RenderRepository.create()
        try repo.repository.write("environments/develop/flags.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: flags
              namespace: django-develop
            data:
              ENABLE_SIGNUP: yes
            """)
        try await repo.repository.commit("flags")
        let run = try await MooringBinary.run(["render", "--config", repo.config, "--env", "develop", "--summary"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("environments/develop/flags.yaml:7"))
        #expect(run.stderr.lowercased().contains("quote"))
    }

    @Test func invalidYAMLIsOneErrorNamingFileAndLine() async throws {
        let repo = try await RenderRepository.create()
        try repo.repository.write("environments/develop/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n")
        try await repo.repository.commit("broken")
        let run = try await MooringBinary.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: environments/develop/broken.yaml:"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func aDuplicateObjectNamesBothPlaces() async throws {
        let repo = try await RenderRepository.create()
        try repo.repository.write("environments/develop/again.yaml", try repo.repository.read("environments/develop/configmap.yaml"))
        try await repo.repository.commit("duplicate")
        let run = try await MooringBinary.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("environments/develop/again.yaml:"))
        #expect(run.stderr.contains("environments/develop/configmap.yaml:"))
    }

    @Test func badReferencesAndRepositoriesAreClearErrors() async throws {
        let repo = try await RenderRepository.create()
        let unknownRef = try await MooringBinary.run(["render", "--config", repo.config, "--env", "develop", "--revision", "no-such-branch"])
        #expect(unknownRef.status == 2)
        #expect(unknownRef.stderr.contains("no-such-branch"))

        let unknownEnv = try await MooringBinary.run(["render", "--config", repo.config, "--env", "staging"])
        #expect(unknownEnv.status == 2)
        #expect(unknownEnv.stderr == "error: no environment \"staging\" in \(repo.config) (it has: develop, master)\n")

        let port = try LoopbackPort.free()
        try repo.writeConfig(url: "git://127.0.0.1:\(port)/missing.git")
        let unreachable = try await MooringBinary.run(["render", "--config", repo.config, "--env", "develop"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("git://127.0.0.1:\(port)/missing.git"))
    }

    @Test func rendersFromAGitDaemon() async throws {
        let repo = try await RenderRepository.create()
        let daemon = try await GitDaemon.start(basePath: repo.repository.served)
        defer { daemon.stop() }
        try repo.writeConfig(url: daemon.url(repo.repository.name))
        let run = try await MooringBinary.run(["render", "--config", repo.config, "--env", "master", "--summary"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Namespace django-master"))
    }
}

/// The sample repository read from its work clone (commits need no push), as a user's own
/// checkout named by `url: .` would be.
private struct RenderRepository {
    let sample: SampleRepository
    var repository: ConfigRepository { sample.repository }
    var config: String { sample.config }

    static func create() async throws -> RenderRepository {
        let repo = RenderRepository(sample: try await SampleRepository.create())
        try repo.writeConfig(url: repo.repository.work)
        return repo
    }

    func writeConfig(url: String) throws { try sample.writeConfig(url: url) }
}
