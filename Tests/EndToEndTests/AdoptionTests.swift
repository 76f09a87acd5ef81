import Foundation
import Manifests
import Reconciler
import Testing

/// Objects made with `kubectl apply` before mooring was asked to manage them: never taken over
/// silently; adopted when asked, with their field ownership moved so git stays the truth.
@Suite struct AdoptionTests {
    static let files = [
        "develop/shop.yaml": SafetyFixture.namespace("shop"),
        "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "shop", data: ["MODE": "live", "COLOR": "blue"]),
    ]

    /// What a person did by hand before: client-side `kubectl apply` of the same objects.
    func applyByHand(_ harness: Harness) async throws {
        let manifest = SafetyFixture.namespace("shop") + "---\n"
            + SafetyFixture.configMap("settings", namespace: "shop", data: ["MODE": "live", "COLOR": "blue"])
        let path = harness.folder + "/by-hand.yaml"
        try manifest.write(toFile: path, atomically: true, encoding: .utf8)
        let applied = try await harness.kubectl("apply", "-f", path)
        #expect(applied.status == 0, "\(applied.stderr)")
    }

    @Test func anExistingObjectIsAConflictNamingItsManagersAndNothingIsAppliedToIt() async throws {
        try await withHarness(environments: try SafetyFixture.environments(Self.files)) { harness in
            try await applyByHand(harness)
            let reconciler = harness.reconciler(SafetyFixture.environment("develop"))
            let diff = try await reconciler.diff()
            #expect(Set(diff.conflicts.map(\.identity.description)) == ["Namespace shop", "ConfigMap shop/settings"])
            #expect(diff.conflicts.allSatisfy { $0.conflict?.reason == .notAdopted(managers: ["kubectl-client-side-apply"]) })

            let outcome = try await harness.poll(reconciler)
            #expect(!outcome.isSynced)
            #expect(outcome.message.contains("2 objects in conflict (ConfigMap shop/settings exists and is not managed by mooring (field managers: kubectl-client-side-apply)"), "\(outcome.message)")
            let live = try #require(try await harness.live("ConfigMap", "v1", namespace: "shop", name: "settings"))
            #expect(live[path: ["metadata", "labels", Tracking.environmentLabel]] == nil, "nothing applied to it")
            #expect(try await harness.history("develop").records.last?.configured.count ?? 0 == 0)
        }
    }

    @Test func adoptedWhenAskedThenAFieldRemovedFromGitIsGoneFromTheCluster() async throws {
        try await withHarness(environments: try SafetyFixture.environments(Self.files)) { harness in
            try await applyByHand(harness)
            let reconciler = harness.reconciler(SafetyFixture.environment("develop", adopt: true))
            let diff = try await reconciler.diff()
            #expect(Set(diff.toAdopt.map(\.identity.description)) == ["Namespace shop", "ConfigMap shop/settings"])

            let outcome = try await reconciler.sync()
            #expect(outcome.changeSet?.entries(.adopted).count == 2, "\(outcome.changeSet?.description ?? "")")
            let adopted = try #require(try await harness.live("ConfigMap", "v1", namespace: "shop", name: "settings"))
            #expect(adopted[path: ["metadata", "annotations", Tracking.originAnnotation]] == "adopted")
            #expect(adopted[path: ["metadata", "annotations", Tracking.ownerAnnotation]] == "default/develop")
            #expect(adopted[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] == nil)
            let managers = adopted[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
            #expect(!managers.contains("kubectl-client-side-apply"), "\(managers)")

            try await harness.repository.commit("Drop COLOR", files: [
                "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "shop", data: ["MODE": "live"]),
            ])
            try await harness.source.fetch()
            let removal = try await reconciler.sync()
            #expect(removal.changeSet?.entries(.configured).map(\.identity.name) == ["settings"])
            #expect(try await harness.data(of: "settings", namespace: "shop") == ["MODE": "live"], "COLOR is gone from the cluster")
            #expect(try await reconciler.diff().isSynced)
        }
    }

    @Test func theAnnotationAdoptsOneObjectAndTheReportSaysAdopt() async throws {
        var files = Self.files
        files["develop/settings.yaml"] = SafetyFixture.configMap("settings", namespace: "shop", data: ["MODE": "live", "COLOR": "blue"],
                                                                 annotations: "    mooring.dev/adopt: \"true\"\n")
        files["develop/shop.yaml"] = SafetyFixture.namespace("shop", annotations: "    mooring.dev/adopt: \"true\"\n")
        try await withHarness(environments: try SafetyFixture.environments(files)) { harness in
            try await applyByHand(harness)
            let reconciler = harness.reconciler(SafetyFixture.environment("develop"))
            let report = try await reconciler.sync(dryRun: true)
            #expect(report.changeSet?.entries(.adopted).count == 2)
            #expect(report.diff.conflicts.isEmpty)
            let outcome = try await reconciler.sync()
            #expect(outcome.isSynced, "\(outcome.message)")
        }
    }
}
