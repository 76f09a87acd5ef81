import Foundation
import KubeAPI
import Manifests
import Reconciler
import Testing

/// The repository's kustomize sample (`environments/base` with the develop and master overlays)
/// end to end: served by `git daemon`, rendered by the real kubectl kustomize, reconciled into
/// the embedded cluster.
@Suite struct KustomizeEndToEndTests {
    static let overlays = Harness.projectRoot + "/environments"
    static let masterImage = "ghcr.io/mooring-demo/django-admin@sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c"
    static let developImage = "ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"

    /// Slower than the other end-to-end worlds (a Deployment's 10-minute progress deadline is 30 s,
    /// not 6 s), so a machine busy with other builds does not turn a rollout into Degraded.
    static let timeScale: Double = 20

    /// An environment of the sample with a health timeout generous enough for a loaded machine.
    static func environment(_ name: String) -> EnvironmentConfiguration {
        Harness.environment(name, healthTimeout: .seconds(90))
    }

    static func image(of deployment: JSON?) -> String? {
        deployment?[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }

    /// The environment's django-settings ConfigMaps in the cluster, by name.
    static func settings(_ world: Harness, _ environment: String) async throws -> [String] {
        let listed = try await world.kubectl("get", "configmaps", "-n", "django-\(environment)", "-o", "name")
        return listed.stdout.split(separator: "\n").map { String($0.dropFirst("configmap/".count)) }.filter { $0.hasPrefix("django-settings-") }
    }

    @Test func firstSyncOfBothOverlays() async throws {
        try await withHarness(timeScale: Self.timeScale, environments: Self.overlays) { world in
            let reconcilers = [world.reconciler(Self.environment("develop")), world.reconciler(Self.environment("master"))]
            let results = await Poller(source: world.source, reconcilers: reconcilers, schedule: PollSchedule(interval: .seconds(1))).pass()
            for result in results {
                let outcome = try result.outcome.get()
                #expect(outcome.isSyncedAndHealthy, "\(outcome.environment): \(outcome.message) \(outcome.health)")
                #expect(outcome.changeSet?.count(.created) == 6)
                #expect(try await world.history(outcome.environment).latest?.operation == .sync)
            }
            let develop = try await world.live("Deployment", "apps/v1", namespace: "django-develop", name: "django-admin")
            let master = try await world.live("Deployment", "apps/v1", namespace: "django-master", name: "django-admin")
            #expect(Self.image(of: develop) == Self.developImage)
            #expect(Self.image(of: master) == Self.masterImage)
            #expect(master?[path: ["spec", "replicas"]] == 2)
            #expect(master?[path: ["metadata", "annotations", "config.kubernetes.io/origin"]] == nil, "Mooring's origin annotation is not applied")

            // The generated ConfigMap carries its hash, and the Deployment refers to it by that name.
            let names = try await Self.settings(world, "develop")
            #expect(names.count == 1)
            let reference = develop?[path: ["spec", "template", "spec", "containers"]]?[0]?["envFrom"]?[0]?[path: ["configMapRef", "name"]]
            #expect(reference?.stringValue == names.first)

            // Unchanged: the next poll renders from the cache and sends no PATCH.
            let counting = CountingClusterClient(world.client)
            let again = try await world.poll(world.reconciler(Self.environment("master"), cluster: counting))
            #expect(again.decision == .upToDate(revision: again.revision))
            #expect(counting.counts.applies == 0 && counting.counts.dryRunApplies == 0, "\(counting.counts)")
        }
    }

    @Test func aGeneratorChangeReplacesTheHashedConfigMapAndPrunesTheOldOneAfterwards() async throws {
        try await withHarness(timeScale: Self.timeScale, environments: Self.overlays) { world in
            let develop = world.reconciler(Self.environment("develop"))
            #expect(try await world.poll(develop).isSyncedAndHealthy)
            let before = try await Self.settings(world, "develop")

            let kustomization = try world.repository.read("environments/develop/kustomization.yaml")
            try await world.repository.commit("develop: debug off", files: [
                "environments/develop/kustomization.yaml": kustomization.replacingOccurrences(of: "DEBUG=True", with: "DEBUG=False"),
            ])
            let changed = try await world.poll(develop)
            #expect(changed.isSyncedAndHealthy, "\(changed.message)")
            let entries = try #require(changed.changeSet?.entries)
            let created = try #require(entries.firstIndex { $0.action == .created })
            let pruned = try #require(entries.firstIndex { $0.action == .pruned })
            #expect(entries[created].identity.kind == "ConfigMap" && entries[created].identity.name != before.first)
            #expect(entries[pruned].identity.name == before.first)
            #expect(created < pruned, "the new ConfigMap is applied before the old one goes")
            #expect(changed.changeSet?.entries(.configured).map(\.identity.kind) == ["Deployment"])

            let after = try await Self.settings(world, "develop")
            #expect(after.count == 1 && after != before)
            let live = try await world.live("ConfigMap", "v1", namespace: "django-develop", name: after[0])
            #expect(live?[path: ["data", "DEBUG"]] == "False")
        }
    }

    @Test func promotionBumpsMastersOverlayImageAndItsRevertIsRecordedAsARollback() async throws {
        try await withHarness(timeScale: Self.timeScale, environments: Self.overlays) { world in
            let master = world.reconciler(Self.environment("master"))
            #expect(try await world.poll(master).isSyncedAndHealthy)

            let promoter = Promoter(source: world.source)
            let plan = try await promoter.plan(from: Self.environment("develop"), to: Self.environment("master"), rule: PromotionRule())
            let commit = try #require(try await promoter.commit(plan))
            try await promoter.push(plan)
            try await world.repository.pull()
            let touched = try await ConfigRepository.git(["show", "--name-only", "--format=", commit.id.hex], in: world.repository.work)
            #expect(touched.trimmingCharacters(in: .whitespacesAndNewlines) == "environments/master/kustomization.yaml")
            let text = try world.repository.read("environments/master/kustomization.yaml")
            #expect(text.contains("# release 4.2.15, pinned by digest so what runs is auditable"), "comments stay")
            #expect(text.contains("newTag: 4.2.16-rc.3"))

            let promoted = try await world.poll(master)
            #expect(promoted.revision == commit.id.hex)
            #expect(promoted.isSyncedAndHealthy, "\(promoted.message)")
            #expect(promoted.changeSet?.entries(.configured).map(\.identity.kind) == ["Deployment"])
            let deployment = try await world.live("Deployment", "apps/v1", namespace: "django-master", name: "django-admin")
            #expect(Self.image(of: deployment) == Self.developImage)
            #expect(deployment?[path: ["spec", "replicas"]] == 2, "master keeps its replicas")

            let revert = try await world.repository.revert(commit.id.hex)
            let reverted = try await world.poll(master)
            #expect(reverted.revision == revert)
            #expect(reverted.rollback?.from.hasPrefix(String(commit.id.hex.prefix(7))) == true, "\(String(describing: reverted.rollback))")
            #expect(Self.image(of: try await world.live("Deployment", "apps/v1", namespace: "django-master", name: "django-admin")) == Self.masterImage)
            let record = try #require(try await world.history("master").latest)
            #expect(record.operation == .rollback)
            #expect(record.message.contains("rollback of \(commit.id.hex.prefix(7))"))
        }
    }

    /// A revision that cannot be rendered: one render error, nothing applied, nothing pruned.
    func expectNothingApplied(_ world: Harness, commit files: [String: String?], source: GitConfigSource? = nil,
                              error check: (String) -> Void) async throws {
        let develop = world.reconciler(Self.environment("develop"))
        #expect(try await world.poll(develop).isSyncedAndHealthy)
        let records = try await world.history("develop").records.count
        let settings = try await Self.settings(world, "develop")
        try await world.repository.commit("a change that cannot be rendered", files: files)
        do {
            _ = try await world.poll(world.reconciler(Self.environment("develop"), source: source))
            Issue.record("a revision that cannot be rendered was reconciled")
        } catch let error as ReconcileError {
            guard case .render(let message) = error else { Issue.record("expected a render error, got \(error)"); return }
            #expect(!message.contains("\n"), "one line: \(message)")
            check(message)
        }
        #expect(try await world.history("develop").records.count == records)
        #expect(try await Self.settings(world, "develop") == settings)
        #expect(try await world.live("Ingress", "networking.k8s.io/v1", namespace: "django-develop", name: "django-admin") != nil, "nothing pruned")
    }

    @Test func aRemoteBaseIsRefusedBeforeKustomizeRuns() async throws {
        try await withHarness(timeScale: Self.timeScale, environments: Self.overlays) { world in
            let kustomization = try world.repository.read("environments/develop/kustomization.yaml")
            try await expectNothingApplied(world, commit: [
                "environments/develop/kustomization.yaml": kustomization
                    .replacingOccurrences(of: "  - ../base\n", with: "  - github.com/mooring-demo/platform//base?ref=v1.4.0\n")
                    .replacingOccurrences(of: "DEBUG=True", with: "DEBUG=False"),
            ]) { message in
                #expect(message.hasPrefix("environments/develop/kustomization.yaml:6: resources names github.com/mooring-demo/platform//base?ref=v1.4.0, a remote reference"), "\(message)")
            }
        }
    }

    @Test func aBrokenPatchIsKustomizesMessageNamingTheKustomization() async throws {
        try await withHarness(timeScale: Self.timeScale, environments: Self.overlays) { world in
            let kustomization = try world.repository.read("environments/develop/kustomization.yaml")
            try await expectNothingApplied(world, commit: [
                "environments/develop/kustomization.yaml": kustomization.replacingOccurrences(of: "DEBUG=True", with: "DEBUG=False")
                    .replacingOccurrences(of: "path: /spec/rules/0/host", with: "path: /spec/rules/7/host"),
            ]) { message in
                #expect(message.hasPrefix("environments/develop/kustomization.yaml: kustomize build failed: "), "\(message)")
                #expect(!message.contains("mooring-kustomize-"), "no temporary folder: \(message)")
            }
        }
    }

    @Test func aMissingKustomizeBinaryIsNamed() async throws {
        try await withHarness(timeScale: Self.timeScale, environments: Self.overlays) { world in
            let missing = GitConfigSource(mirror: world.source.mirror,
                                          render: RenderSettings(kustomize: KustomizeSettings(binary: "/opt/nowhere/kustomize")))
            let kustomization = try world.repository.read("environments/develop/kustomization.yaml")
            try await expectNothingApplied(world, commit: [
                "environments/develop/kustomization.yaml": kustomization.replacingOccurrences(of: "DEBUG=True", with: "DEBUG=False"),
            ], source: missing) { message in
                #expect(message == "render.kustomize.binary /opt/nowhere/kustomize was not found or is not executable")
            }
        }
    }
}
