import Foundation
import Manifests
import Testing
@testable import Reconciler

/// `Promoter` between kustomize overlays on a real repository: the target's `images:` set to
/// what the source renders, in one commit touching only the target's kustomization file.
@Suite struct OverlayPromotionTests {
    static let files: [String: String] = [
        "environments/base/kustomization.yaml": "resources:\n- deployment.yaml\n",
        "environments/base/deployment.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: django-admin
            spec:
              replicas: 1
              selector: {matchLabels: {app: django-admin}}
              template:
                metadata: {labels: {app: django-admin}}
                spec:
                  containers:
                  - name: web
                    image: ghcr.io/mooring-demo/django-admin:4.2.0
                  - name: cache
                    image: redis:7.2
            """,
        "environments/develop/kustomization.yaml": """
            resources:
            - ../base
            namespace: django-develop
            images:
            - name: ghcr.io/mooring-demo/django-admin
              newTag: 4.2.16-rc.3
            """,
        "environments/master/kustomization.yaml": """
            # master: what production runs.
            resources:
              - ../base
            namespace: django-master
            replicas:
              - name: django-admin
                count: 2
            images:
              # release 4.2.15, pinned by digest so what runs is auditable
              - name: ghcr.io/mooring-demo/django-admin
                digest: sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c

            """,
    ]
    static let develop = EnvironmentConfiguration(name: "develop")
    static let master = EnvironmentConfiguration(name: "master")

    @Test func theTargetsImagesEntryTakesTheSourcesImageInOneCommitTouchingOnlyItsKustomization() async throws {
        let repository = try await KustomizeRepository.make(Self.files)
        defer { repository.remove() }
        let before = try await repository.git("rev-parse", "HEAD")
        let source = try await repository.source()
        let promoter = Promoter(source: source)
        let plan = try await promoter.plan(from: Self.develop, to: Self.master, rule: PromotionRule())
        #expect(plan.changedFile == "environments/master/kustomization.yaml")
        #expect(plan.writtenFiles == ["kustomization.yaml"])
        #expect(plan.changedObjects.map(\.description) == ["Deployment.apps django-master/django-admin"])
        #expect(plan.images.map(\.description) == [
            "web: ghcr.io/mooring-demo/django-admin:4.2.16-rc.3 (was ghcr.io/mooring-demo/django-admin@sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c)",
        ])
        let commit = try #require(try await promoter.commit(plan))
        try await promoter.push(plan)

        try await repository.git("pull", "-q", "origin", "main")
        #expect(try await repository.git("diff", "--name-only", before, "HEAD") == "environments/master/kustomization.yaml")
        #expect(try await repository.git("rev-parse", "HEAD") == commit.id.hex)
        #expect(try repository.read("environments/master/kustomization.yaml") == Self.files["environments/master/kustomization.yaml"]!
            .replacingOccurrences(of: "digest: sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c", with: "newTag: 4.2.16-rc.3"))
        #expect(commit.message.hasPrefix("Promote develop → master\n\nImages:\n  web: ghcr.io/mooring-demo/django-admin:4.2.16-rc.3 (was "))

        // master now renders develop's image, with its own namespace and replicas, as kubectl kustomize says.
        try await source.fetch()
        let master = try await source.render(revision: "main", path: "environments/master").objects
        #expect(master.map(\.object) == (try await repository.kubectlKustomize("environments/master")))
        let deployment = try #require(master.first).object
        #expect(deployment[path: ["spec", "replicas"]] == 2)
        #expect(deployment[path: ["metadata", "namespace"]] == "django-master")
        #expect(ContainerImages.of(deployment).map(\.image) == ["ghcr.io/mooring-demo/django-admin:4.2.16-rc.3", "redis:7.2"])

        // Nothing is left to promote.
        let again = try await promoter.plan(from: Self.develop, to: Self.master, rule: PromotionRule())
        #expect(again.isEmpty)
        #expect(try await promoter.commit(again) == nil)
    }

    @Test func anImageTheTargetDoesNotListYetIsAdded() async throws {
        var files = Self.files
        files["environments/develop/kustomization.yaml"]! += "\n- name: redis\n  newTag: \"7.4\"\n"
        let repository = try await KustomizeRepository.make(files)
        defer { repository.remove() }
        let promoter = Promoter(source: try await repository.source())
        let plan = try await promoter.plan(from: Self.develop, to: Self.master, rule: PromotionRule())
        let text = String(decoding: try #require(plan.files["kustomization.yaml"]), as: UTF8.self)
        #expect(text.hasSuffix("""
              - name: ghcr.io/mooring-demo/django-admin
                newTag: 4.2.16-rc.3
              - name: redis
                newTag: "7.4"

            """))
        #expect(Set(plan.images.map(\.container)) == ["web", "cache"])

        // --only narrows it to one object's images; --keep is for plain folders.
        let rule = PromotionRule(only: [try ObjectSelector(parsing: "Deployment/django-admin")])
        #expect(try await promoter.plan(from: Self.develop, to: Self.master, rule: rule).images.count == 2)
        let keep = await #expect(throws: PromotionError.self) {
            try await promoter.plan(from: Self.develop, to: Self.master, rule: PromotionRule(keep: [try KeepPath(parsing: "/spec/replicas")]))
        }
        #expect(keep?.description.hasPrefix("--keep and --promote-replicas apply to plain folders") == true)
    }

    @Test func twoContainersOfOneImageTheSourceRunsDifferentlyAreAnErrorNamingBoth() async throws {
        var files = Self.files
        files["environments/base/deployment.yaml"] = files["environments/base/deployment.yaml"]!
            .replacingOccurrences(of: "image: redis:7.2", with: "image: ghcr.io/mooring-demo/django-admin:4.2.0")
        files["environments/develop/kustomization.yaml"]! += "\npatches:\n- path: worker.yaml\n"
        files["environments/develop/worker.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: django-admin}
            spec:
              template:
                spec:
                  containers:
                  - name: cache
                    image: ghcr.io/mooring-demo/cache:1.0
            """
        let repository = try await KustomizeRepository.make(files)
        defer { repository.remove() }
        let promoter = Promoter(source: try await repository.source())
        let error = await #expect(throws: PromotionError.self) {
            try await promoter.plan(from: Self.develop, to: Self.master, rule: PromotionRule())
        }
        // (kustomize's merge puts the patched container first.)
        #expect(error?.description == "master's Deployment/django-admin container cache and Deployment/django-admin container web both run image ghcr.io/mooring-demo/django-admin, but develop runs them as ghcr.io/mooring-demo/cache:1.0 and ghcr.io/mooring-demo/django-admin:4.2.16-rc.3: one images entry cannot set both (use --only)")
    }
}
