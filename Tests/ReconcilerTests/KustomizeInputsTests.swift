import Foundation
import GitSource
import Manifests
import Testing
@testable import Reconciler

/// Following an overlay's kustomization through a real repository's tree before kustomize runs:
/// what it reads (its cache key and what gets written to disk), and what is refused.
@Suite struct KustomizeInputsTests {
    static let base: [String: String] = [
        "README.md": "config\n",
        "environments/base/kustomization.yaml": "resources:\n- deployment.yaml\nconfigMapGenerator:\n- name: settings\n  envs: [settings.env]\n",
        "environments/base/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n",
        "environments/base/settings.env": "DEBUG=False\n",
        "environments/shared/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n",
        "environments/shared/unrelated.yaml": "not read\n",
        "environments/components/probes/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
        "environments/develop/kustomization.yaml": """
            resources:
            - ../base
            components:
            - ../components/probes
            patches:
            - path: ../shared/replicas.yaml
            configMapGenerator:
            - name: extra
              files: [EXTRA=../shared/unrelated.yaml]
            """,
        "environments/master/kustomization.yaml": "resources: [../base]\n",
    ]

    func inputs(_ repository: KustomizeRepository, _ overlay: String = "environments/develop") async throws -> KustomizeInputs {
        let source = try await repository.source()
        let revision = try await source.mirror.repository.resolve("main")
        return try await KustomizeInputs.find(overlay: overlay, in: RevisionTree(repository: source.mirror.repository, revision: revision))
    }

    func refusal(_ kustomization: String, extra: [String: String] = [:], symlinks: [String: String] = [:]) async throws -> String? {
        var files = Self.base.merging(extra) { $1 }
        files["environments/develop/kustomization.yaml"] = kustomization
        let repository = try await KustomizeRepository.make(files, symlinks: symlinks)
        defer { repository.remove() }
        do {
            _ = try await inputs(repository)
            return nil
        } catch let error as KustomizeError {
            return error.description
        }
    }

    @Test func theOverlayEveryFolderItReferencesAndFilesOutsideThemAreTheInputs() async throws {
        let repository = try await KustomizeRepository.make(Self.base)
        defer { repository.remove() }
        let found = try await inputs(repository)
        #expect(found.overlay == "environments/develop")
        #expect(found.kustomizationFile == "environments/develop/kustomization.yaml")
        #expect(found.kustomizations.map(\.path) == [
            "environments/develop/kustomization.yaml", "environments/base/kustomization.yaml",
            "environments/components/probes/kustomization.yaml",
        ])
        #expect(found.roots.map(\.path) == [
            "environments/base", "environments/components/probes", "environments/develop",
            "environments/shared/replicas.yaml", "environments/shared/unrelated.yaml",
        ])
    }

    @Test func anUnrelatedCommitKeepsTheFingerprintAndABaseChangeChangesIt() async throws {
        let repository = try await KustomizeRepository.make(Self.base)
        defer { repository.remove() }
        let first = try await inputs(repository).fingerprint
        try repository.write(["README.md": "changed\n", "environments/master/kustomization.yaml": "resources: [../base]\nnamespace: m\n"])
        try await repository.commit("unrelated to develop")
        #expect(try await inputs(repository).fingerprint == first)
        try repository.write(["environments/base/settings.env": "DEBUG=True\n"])
        try await repository.commit("base settings")
        #expect(try await inputs(repository).fingerprint != first)
    }

    @Test func remoteResourcesAreRefusedNamingTheFileLineAndReference() async throws {
        let github = try await refusal("resources:\n- ../base\n- github.com/example/platform//base?ref=v1.2.0\n")
        #expect(github == "environments/develop/kustomization.yaml:3: resources names github.com/example/platform//base?ref=v1.2.0, a remote reference; Mooring renders only what the config repository holds and fetches nothing (vendor it into the repository)")
        let url = try await refusal("resources:\n- https://raw.githubusercontent.com/example/app/main/deploy.yaml\n")
        #expect(url?.hasPrefix("environments/develop/kustomization.yaml:2: resources names https://raw.githubusercontent.com/") == true)
        let ssh = try await refusal("resources:\n- ../base\ncomponents:\n- git@github.com:example/components.git//probes\n")
        #expect(ssh?.hasPrefix("environments/develop/kustomization.yaml:4: components names git@github.com:example/components.git//probes, a remote") == true)
        // A remote reference in a base is named in the base's kustomization.
        let nested = try await refusal("resources: [../base]\n", extra: [
            "environments/base/kustomization.yaml": "resources:\n- deployment.yaml\n- https://example.com/extra.yaml\n",
        ])
        #expect(nested?.hasPrefix("environments/base/kustomization.yaml:3: resources names https://example.com/extra.yaml") == true)
    }

    @Test func pathsLeavingTheRepositoryOrMissingAreRefused() async throws {
        let outside = try await refusal("resources:\n- ../../../../etc\n")
        #expect(outside == "environments/develop/kustomization.yaml:2: resources names ../../../../etc, which is outside the repository; kustomize may load only the repository's files")
        let absolute = try await refusal("patches:\n- path: /etc/passwd\n")
        #expect(absolute?.hasPrefix("environments/develop/kustomization.yaml:2: patches[0].path names /etc/passwd, which is outside") == true)
        let missing = try await refusal("resources:\n- ../base\n- ../bse\n")
        #expect(missing == "environments/develop/kustomization.yaml:3: resources names ../bse, which does not exist at this revision")
        let generator = try await refusal("secretGenerator:\n- name: s\n  files:\n  - key=../../../../root/.ssh/id_rsa\n")
        #expect(generator?.hasPrefix("environments/develop/kustomization.yaml:4: secretGenerator[0].files names ../../../../root/.ssh/id_rsa, which is outside") == true)
    }

    @Test func symlinksLeavingTheRepositoryAreRefusedAndInsideOnesFollowed() async throws {
        let escaping = try await refusal("resources: [../base]\n", symlinks: ["environments/base/secret.yaml": "/etc/passwd"])
        #expect(escaping == "environments/base/secret.yaml is a symlink to /etc/passwd, outside the repository; kustomize may not read it")
        let climbing = try await refusal("resources: [../base]\n", symlinks: ["environments/base/up": "../../.."])
        #expect(climbing == "environments/base/up is a symlink to ../../.., outside the repository; kustomize may not read it")

        var files = Self.base
        files["environments/develop/kustomization.yaml"] = "resources: [base]\n"
        let repository = try await KustomizeRepository.make(files, symlinks: [
            "environments/develop/base": "../base", "environments/base/extra.yaml": "../shared/replicas.yaml",
        ])
        defer { repository.remove() }
        let found = try await inputs(repository)
        #expect(found.roots.map(\.path) == ["environments/base", "environments/develop", "environments/shared/replicas.yaml"])
    }

    @Test func helmChartsAreRefusedWithAPointerToTheReadme() async throws {
        let helm = try await refusal("helmCharts:\n- name: redis\n  repo: https://charts.bitnami.com/bitnami\n")
        #expect(helm?.hasPrefix("environments/develop/kustomization.yaml:1: Helm charts are not rendered") == true)
    }

    @Test func pluginConfigurationsAreFollowedForTheFilesTheyRead() async throws {
        let inline = try await refusal("""
            resources: [../base]
            transformers:
            - |
              apiVersion: builtin
              kind: PatchTransformer
              metadata: {name: p}
              path: ../../../outside.yaml
            """)
        #expect(inline?.hasPrefix("environments/develop/kustomization.yaml:3: transformers: PatchTransformer path names ../../../outside.yaml, which is outside") == true)
        let inFile = try await refusal("resources: [../base]\ntransformers: [labels.yaml]\n", extra: [
            "environments/develop/labels.yaml": "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: l}\nlabels: {a: b}\nfieldSpecs:\n- path: metadata/labels\n  create: true\n",
        ])
        #expect(inFile == nil)  // a field spec's path is not a file
    }

    @Test func aFolderWithoutAKustomizationIsAnErrorWhenKustomizeIsAsked() async throws {
        let repository = try await KustomizeRepository.make(["environments/plain/app.yaml": "kind: ConfigMap\n"])
        defer { repository.remove() }
        let error = await #expect(throws: KustomizeError.self) { try await inputs(repository, "environments/plain") }
        #expect(error?.description.hasPrefix("environments/plain has no kustomization file") == true)
        let missing = await #expect(throws: KustomizeError.self) { try await inputs(repository, "environments/nope") }
        #expect(missing == .folderNotFound(folder: "environments/nope"))
    }
}
