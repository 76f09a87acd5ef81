import Foundation
import Manifests
import Testing
@testable import Reconciler

/// `GitConfigSource.render` on kustomize overlays with the real `kubectl kustomize`: detection,
/// source attribution, errors, the private workspace, the cache, timeouts and a missing binary.
@Suite struct KustomizeRenderTests {
    static let files: [String: String] = [
        "README.md": "config\n",
        "environments/base/kustomization.yaml": """
            resources:
            - deployment.yaml
            configMapGenerator:
            - name: django-settings
              literals:
              - DEBUG=False
            """,
        "environments/base/deployment.yaml": """
            # The web deployment.
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: ghcr.io/example/web:1.0
            """,
        "environments/develop/kustomization.yaml": """
            resources:
            - ../base
            namespace: web-develop
            namePrefix: dev-
            """,
        "environments/plain/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\n",
    ]

    func render(_ repository: KustomizeRepository, _ path: String = "environments/develop", revision: String = "main",
                settings: RenderSettings = RenderSettings(), environments: [EnvironmentConfiguration] = []) async throws -> RenderedEnvironment {
        let source = try await repository.source(render: settings, environments: environments)
        return try await source.render(revision: revision, path: path)
    }

    @Test func anOverlayRendersWithKustomizeAndNamesEachObjectsSourceFile() async throws {
        let repository = try await KustomizeRepository.make(Self.files)
        defer { repository.remove() }
        let rendered = try await render(repository)
        #expect(rendered.objects.map(\.identity.kind) == ["ConfigMap", "Deployment"])
        #expect(rendered.objects.allSatisfy { $0.identity.namespace == "web-develop" && $0.identity.name.hasPrefix("dev-") })
        let deployment = try #require(rendered.objects.first { $0.identity.kind == "Deployment" })
        #expect(deployment.source == SourceLocation(file: "environments/base/deployment.yaml", line: 2))
        #expect(deployment.object[path: ["metadata", "annotations"]] == nil)  // the origin annotation is Mooring's, and gone
        let settings = try #require(rendered.objects.first { $0.identity.kind == "ConfigMap" })
        #expect(settings.identity.name.hasPrefix("dev-django-settings-"))
        #expect(settings.source == SourceLocation(file: "environments/base/kustomization.yaml", line: 4))

        // And it is what kubectl kustomize makes of the same tree.
        #expect(rendered.objects.map(\.object) == (try await repository.kubectlKustomize("environments/develop")))
        // A folder without a kustomization renders as plain manifests.
        let plain = try await render(repository, "environments/plain")
        #expect(plain.objects.map(\.source) == [SourceLocation(file: "environments/plain/configmap.yaml", line: 1)])
    }

    @Test func anOriginAnnotationTheKustomizationAsksForItselfStays() async throws {
        var files = Self.files
        files["environments/develop/kustomization.yaml"]! += "\nbuildMetadata: [originAnnotations]\n"
        let repository = try await KustomizeRepository.make(files)
        defer { repository.remove() }
        let rendered = try await render(repository)
        let deployment = try #require(rendered.objects.first { $0.identity.kind == "Deployment" })
        #expect(deployment.object[path: ["metadata", "annotations", "config.kubernetes.io/origin"]]?.stringValue == "path: ../base/deployment.yaml\n")
        #expect(deployment.source.file == "environments/base/deployment.yaml")
    }

    @Test func renderPlainOverridesDetectionAndRenderKustomizeNeedsAKustomization() async throws {
        let repository = try await KustomizeRepository.make(Self.files)
        defer { repository.remove() }
        let asPlain = EnvironmentConfiguration(name: "develop", render: .plain)
        let error = await #expect(throws: RenderError.self) {
            try await render(repository, environments: [asPlain])
        }
        #expect(error?.description.contains("environments/develop/kustomization.yaml:1") == true)  // read as a manifest, as before
        let asKustomize = EnvironmentConfiguration(name: "plain", render: .kustomize)
        let missing = await #expect(throws: KustomizeError.self) {
            try await render(repository, "environments/plain", environments: [asKustomize])
        }
        #expect(missing?.description.hasPrefix("environments/plain has no kustomization file") == true)
    }

    @Test func aBrokenPatchIsOneErrorNamingTheKustomizationAndKustomizesMessage() async throws {
        var files = Self.files
        files["environments/develop/kustomization.yaml"]! += "\npatches:\n- path: replicas.yaml\n"
        files["environments/develop/replicas.yaml"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: missing-web}\nspec: {replicas: 2}\n"
        let repository = try await KustomizeRepository.make(files)
        defer { repository.remove() }
        let error = await #expect(throws: KustomizeError.self) { try await render(repository) }
        let text = try #require(error?.description)
        #expect(text.hasPrefix("environments/develop/kustomization.yaml: kustomize build failed: "))
        #expect(text.contains("missing-web"))
        #expect(!text.contains("mooring-kustomize-"))  // no temporary folder in the message
        #expect(!text.contains("command failed"))      // kubectl's log wrapping is gone
    }

    @Test func theWorkspaceIsPrivateAndDeletedAndUnchangedInputsNeverReRunKustomize() async throws {
        let repository = try await KustomizeRepository.make(Self.files)
        defer { repository.remove() }
        let log = repository.root + "/runs.log"
        let counting = try repository.script("kubectl-counting", """
            echo "$(pwd) $(stat -c %a .)" >> \(log)
            exec kubectl "$@"
            """)
        let settings = RenderSettings(kustomize: KustomizeSettings(binary: counting))
        let source = try await repository.source(render: settings)
        _ = try await source.render(revision: "main", path: "environments/develop")
        _ = try await source.render(revision: "main", path: "environments/develop")
        try repository.write(["README.md": "unrelated\n"])
        let unrelated = try await repository.commit("README only")
        try await source.fetch()
        _ = try await source.render(revision: unrelated, path: "environments/develop")
        var runs = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(runs.count == 1)
        let run = try #require(runs.first?.split(separator: " "))
        #expect(run.last == "700")
        #expect(!FileManager.default.fileExists(atPath: String(run[0])))

        try repository.write(["environments/base/deployment.yaml": try repository.read("environments/base/deployment.yaml")
            .replacingOccurrences(of: "web:1.0", with: "web:1.1")])
        let changed = try await repository.commit("base image")
        try await source.fetch()
        let rendered = try await source.render(revision: changed, path: "environments/develop")
        runs = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(runs.count == 2)
        #expect(YAML.dumpDocuments(rendered.objects.map(\.object)).contains("ghcr.io/example/web:1.1"))
    }

    @Test func describeCountsABaseChangeForTheOverlay() async throws {
        let repository = try await KustomizeRepository.make(Self.files)
        defer { repository.remove() }
        let first = try await repository.git("rev-parse", "HEAD")
        try repository.write(["environments/base/kustomization.yaml": try repository.read("environments/base/kustomization.yaml") + "  - EXTRA=1\n"])
        let second = try await repository.commit("base settings")
        let source = try await repository.source()
        let before = try await source.describe(revision: first, path: "environments/develop")
        let after = try await source.describe(revision: second, path: "environments/develop")
        #expect(before.pathTree != after.pathTree)
        #expect(try await source.describe(revision: first, path: "environments/plain").pathTree
                == source.describe(revision: second, path: "environments/plain").pathTree)
    }

    @Test func aSlowKustomizeIsStoppedAtItsTimeoutAndAMissingOneIsNamed() async throws {
        let repository = try await KustomizeRepository.make(Self.files)
        defer { repository.remove() }
        let slow = try repository.script("kustomize-slow", "sleep 30")
        let timeout = await #expect(throws: KustomizeError.self) {
            try await render(repository, settings: RenderSettings(kustomize: KustomizeSettings(binary: slow, timeout: .seconds(1))))
        }
        #expect(timeout == .timedOut(kustomization: "environments/develop/kustomization.yaml", after: .seconds(1)))

        let missing = await #expect(throws: KustomizeError.self) {
            try await render(repository, settings: RenderSettings(kustomize: KustomizeSettings(binary: "/nonexistent/kustomize")))
        }
        #expect(missing?.description == "render.kustomize.binary /nonexistent/kustomize was not found or is not executable")
        #expect(throws: KustomizeError.self) { try KustomizeTool.locate(KustomizeSettings(), searchPath: repository.root) }
    }

    @Test func theToolIsKustomizeOnPathElseKubectlAndReportsItsVersion() async throws {
        let repository = try await KustomizeRepository.make(Self.files)
        defer { repository.remove() }
        let kubectl = try KustomizeTool.locate(KustomizeSettings(), searchPath: "/usr/bin")
        #expect(kubectl == KustomizeTool(executable: "/usr/bin/kubectl", isKubectl: true))
        #expect(try await kubectl.version().hasPrefix("v5."))
        _ = try repository.script("kustomize", "echo v5.4.3")
        let standalone = try KustomizeTool.locate(KustomizeSettings(), searchPath: repository.root + "/bin:/usr/bin")
        #expect(standalone == KustomizeTool(executable: repository.root + "/bin/kustomize", isKubectl: false))
        #expect(try await standalone.version() == "v5.4.3")
        #expect(KustomizeTool.parseVersion("{Version:kustomize/v4.5.7 GitCommit:56d82a8 BuildDate:2022-08-02}", fromKubectl: false) == "v4.5.7")
    }
}

extension KustomizeRenderTests {
    /// kustomize turns `1.10` in a ConfigMap into the number 1.1; the warning names the file it
    /// was written in, not the build's output.
    @Test func aYAML11TrapInABaseIsWarnedAboutAtItsSourceFile() async throws {
        var files = Self.files
        files["environments/base/kustomization.yaml"] = "resources:\n- deployment.yaml\n- flags.yaml\n"
        files["environments/base/flags.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  VERSION: 1.10\n"
        let repository = try await KustomizeRepository.make(files)
        defer { repository.remove() }
        let rendered = try await render(repository)
        let warning = try #require(rendered.warnings.first)
        #expect(warning.location.file == "environments/base/flags.yaml")
        #expect(warning.object == "ConfigMap web-develop/dev-flags")
        #expect(warning.field == "data.VERSION")
    }
}
