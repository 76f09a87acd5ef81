import Foundation
import Manifests
import Reconciler
import Reports
import Testing

/// A Namespace made by hand, adopted, then filled by hand: removing its file from git does not
/// delete what mooring did not make.
@Suite struct NamespacePruneTests {
    static let files = [
        "develop/shop.yaml": SafetyFixture.namespace("shop", annotations: "    mooring.dev/adopt: \"true\"\n"),
        "develop/app.yaml": SafetyFixture.configMap("app", namespace: "shop", data: ["MODE": "live"]),
        "develop/keep.yaml": SafetyFixture.configMap("keep", namespace: "default", data: ["A": "1"]),
    ]

    @Test func aNamespaceHoldingObjectsMooringDidNotMakeIsKeptAndTheRestIsPruned() async throws {
        try await withHarness(environments: try SafetyFixture.environments(Self.files)) { harness in
            #expect(try await harness.kubectl("create", "namespace", "shop").status == 0)
            #expect(try await harness.kubectl("create", "configmap", "handmade", "-n", "shop", "--from-literal=a=1").status == 0)
            let reconciler = harness.reconciler(SafetyFixture.environment("develop"))
            let first = try await harness.poll(reconciler)
            #expect(first.isSynced, "\(first.message)")
            #expect(first.changeSet?.entries(.adopted).map(\.identity.description) == ["Namespace shop"])
            // Two more objects by hand, after the adoption.
            #expect(try await harness.kubectl("create", "secret", "generic", "manual", "-n", "shop", "--from-literal=k=v").status == 0)
            #expect(try await harness.kubectl("create", "serviceaccount", "robot", "-n", "shop").status == 0)

            try await harness.repository.commit("Retire shop", files: ["environments/develop/shop.yaml": nil, "environments/develop/app.yaml": nil])
            try await harness.source.fetch()
            let diff = try await reconciler.diff()
            let namespace = try #require(diff.toPrune.first { $0.identity.kind == "Namespace" })
            let contents = try #require(namespace.contents)
            #expect(contents.foreign.map(\.description) == ["ConfigMap shop/handmade", "Secret shop/manual", "ServiceAccount shop/robot"])
            let preview = EnvironmentReport(diff: diff)
            let kept = try #require(preview.objects.first { $0.identity.kind == "Namespace" })
            #expect(kept.action == .kept)
            #expect(kept.message == "not pruned: it holds 3 objects this environment does not track: ConfigMap shop/handmade, Secret shop/manual, ServiceAccount shop/robot")
            #expect(preview.notes.contains { $0.rule == .namespaceNotPruned && $0.object == "Namespace shop" })

            let outcome = try await harness.poll(reconciler)
            let changes = try #require(outcome.changeSet)
            #expect(changes.entries(.pruned).map(\.identity.description) == ["ConfigMap shop/app"], "the rest of the prune goes ahead")
            #expect(changes.entries(.kept).map(\.identity.description) == ["Namespace shop"])
            #expect(try await harness.live("Namespace", "v1", namespace: nil, name: "shop") != nil)
            for (kind, name) in [("ConfigMap", "handmade"), ("Secret", "manual"), ("ServiceAccount", "robot")] {
                #expect(try await harness.live(kind, "v1", namespace: "shop", name: name) != nil, "\(kind) \(name) kept")
            }
            let text = ReportRenderer(format: .text).render(Report(kind: .sync, environments: [EnvironmentReport(changeSet: changes)]))
            #expect(text.contains("Kept Namespace shop"))
            #expect(text.contains("not pruned: it holds 3 objects this environment does not track"))

            // Once the hand-made objects are gone, the Namespace goes, and the diff says what with.
            for (kind, name) in [("configmap", "handmade"), ("secret", "manual"), ("serviceaccount", "robot")] {
                #expect(try await harness.kubectl("delete", kind, name, "-n", "shop").status == 0)
            }
            let last = try await reconciler.diff()
            let prune = try #require(last.toPrune.first { $0.identity.kind == "Namespace" })
            #expect(prune.contents?.blocksPrune == false)
            let message = EnvironmentReport(diff: last).objects.first { $0.identity.kind == "Namespace" }?.message
            #expect(message?.hasPrefix("deletes with it: ") == true && message?.contains("ServiceAccount shop/default") == true, "\(message ?? "")")
            let final = try await reconciler.sync()
            #expect(final.changeSet?.entries(.pruned).map(\.identity.description) == ["Namespace shop"], "\(final.message) \(final.changeSet?.entries ?? [])")
        }
    }
}
