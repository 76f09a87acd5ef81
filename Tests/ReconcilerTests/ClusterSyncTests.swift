import Foundation
import KubeAPI
import Manifests
@testable import Reconciler
import Testing

/// The sync pieces (live state, dry-run confirmation, apply, prune, history) against the
/// embedded local cluster over HTTP.
@Suite struct ClusterSyncTests {
    @Test func firstSyncCreatesThenNoOpSendsNoPatch() async throws {
        try await withCluster { cluster in
            let objects = [Manifest.namespace("apps"), Manifest.configMap("settings"), Manifest.service("web")]
            let first = try await Pipeline(cluster: cluster.client).sync(objects)
            #expect(first.succeeded)
            #expect(first.count(.created) == 3)

            let live = try #require(try await cluster.client.get(ObjectIdentity(of: Manifest.configMap("settings"))!))
            #expect(live[path: ["metadata", "labels", Tracking.environmentLabel]] == "test")
            #expect(live[path: ["metadata", "annotations", Tracking.revisionAnnotation]] == "rev1")

            let counting = CountingClusterClient(cluster.client)
            let (plan, _, state) = try await Pipeline(cluster: counting).plan(objects)
            #expect(plan.isEmpty, "\(plan)")
            #expect(state.complete)
            #expect(counting.counts.applies == 0)
            #expect(counting.counts.dryRunApplies == 0)
            #expect(counting.counts.gets == 0, "every desired object was found by the LISTs")
            // One LIST per served kind (the desired kinds are all among those always listed), and
            // one of the Leases, for what other environments claim.
            #expect(counting.counts.lists > 0 && counting.counts.lists <= LiveStateReader.alwaysListed.count + 1, "\(counting.counts)")
        }
    }

    @Test func manyUntrackedObjectsOfAKindAreFoundWithOneListNotOneGetEach() async throws {
        try await withCluster { cluster in
            let objects = [Manifest.namespace("apps")] + (0..<20).map { Manifest.configMap("cm-\($0)") }
            // Someone created half of them by hand, untracked: they must be found (and, with
            // `adopt: true`, adopted).
            for object in objects.prefix(11) {
                _ = try await cluster.client.apply(object, fieldManager: "kubectl", force: true, dryRun: false)
            }
            let counting = CountingClusterClient(cluster.client)
            let (plan, _, _) = try await Pipeline(cluster: counting, adopt: true).plan(objects)
            #expect(counting.counts.gets == 1, "only the namespace is fetched alone: \(counting.counts)")
            #expect(plan.objectsToApply.filter { $0.status == .outOfSync(.create) }.count == 10)
            #expect(plan.objectsToApply.filter { $0.status == .outOfSync(.adopt) }.count == 11)
        }
    }

    @Test func changedObjectIsConfiguredAndOthersLeftAlone() async throws {
        try await withCluster { cluster in
            let pipeline = Pipeline(cluster: cluster.client)
            _ = try await pipeline.sync([Manifest.namespace("apps"), Manifest.configMap("a"), Manifest.configMap("b")])
            let counting = CountingClusterClient(cluster.client)
            let second = try await Pipeline(cluster: counting)
                .sync([Manifest.namespace("apps"), Manifest.configMap("a", data: ["key": "changed"]), Manifest.configMap("b")], revision: "rev2")
            #expect(second.count(.configured) == 1)
            #expect(second.count(.unchanged) == 2)
            #expect(counting.counts.applies == 1)
            let configured = try #require(second.entries(.configured).first)
            #expect(configured.identity.name == "a")
            #expect(configured.changes.map(\.path.description).contains("data.key"))
        }
    }

    @Test func removedObjectIsPrunedUnlessAnnotated() async throws {
        try await withCluster { cluster in
            let pipeline = Pipeline(cluster: cluster.client)
            let keep = Manifest.configMap("keep", annotations: [Tracking.pruneAnnotation: "false"])
            _ = try await pipeline.sync([Manifest.namespace("apps"), Manifest.configMap("gone"), keep, Manifest.configMap("stay")])
            let result = try await pipeline.sync([Manifest.namespace("apps"), Manifest.configMap("stay")], revision: "rev2")
            #expect(result.succeeded)
            #expect(result.entries(.pruned).map(\.identity.name) == ["gone"])
            #expect(result.entries(.kept).map(\.identity.name) == ["keep"])
            #expect(try await cluster.client.get(ObjectIdentity(of: Manifest.configMap("gone"))!) == nil)
            #expect(try await cluster.client.get(ObjectIdentity(of: keep)!) != nil)
        }
    }

    @Test func emptiedEnvironmentIsNotPruned() async throws {
        try await withCluster { cluster in
            let pipeline = Pipeline(cluster: cluster.client)
            _ = try await pipeline.sync([Manifest.namespace("apps"), Manifest.configMap("a")])
            let (plan, _, _) = try await pipeline.plan([], revision: "rev2")
            #expect(plan.prune.isEmpty)
            #expect(plan.pruneBlocked == .emptyRevision)
        }
    }

    @Test func immutableFieldNamesObjectAndFieldAndForceRecreates() async throws {
        try await withCluster { cluster in
            let pipeline = Pipeline(cluster: cluster.client)
            func deployment(_ app: String, force: Bool = false) -> JSON {
                var metadata: JSON = ["name": "web", "namespace": "apps"]
                if force { metadata["annotations"] = [Tracking.forceAnnotation: "true"] }
                return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata,
                        "spec": ["selector": ["matchLabels": ["app": .string(app)]],
                                 "template": ["metadata": ["labels": ["app": .string(app)]],
                                              "spec": ["containers": [["name": "web", "image": "nginx:1.27"]]]]]]
            }
            let first = try await pipeline.sync([Manifest.namespace("apps"), deployment("one")])
            #expect(first.succeeded, "\(first.entries(.failed))")
            let rejected = try await pipeline.sync([Manifest.namespace("apps"), deployment("two")], revision: "rev2")
            let failure = try #require(rejected.entries(.failed).first)
            #expect(failure.identity.name == "web")
            #expect(failure.message?.contains("spec.selector") == true, "\(failure.message ?? "")")
            #expect(failure.message?.contains(Tracking.forceAnnotation) == true)

            let forced = try await pipeline.sync([Manifest.namespace("apps"), deployment("two", force: true)], revision: "rev3")
            #expect(forced.succeeded, "\(forced.entries(.failed))")
            let live = try #require(try await cluster.client.get(ObjectIdentity(of: deployment("two"))!))
            #expect(live[path: ["spec", "selector", "matchLabels", "app"]] == "two")
        }
    }

    @Test func historyIsStoredInTheClusterCreatingItsNamespace() async throws {
        try await withCluster { cluster in
            let store = HistoryStore(cluster: cluster.client)
            var history = try await store.load(environment: "test")
            #expect(history.records.isEmpty)
            let record = HistoryRecord(revision: "abc1234", time: Date(), operation: .sync, result: .succeeded, health: .healthy, message: "first")
            let stored = try await store.append(record, to: &history)
            #expect(stored.id == 1)
            _ = try await store.append(HistoryRecord(revision: "def5678", time: Date(), operation: .sync, result: .succeeded, health: .healthy), to: &history)
            history = try await store.load(environment: "test")
            #expect(history.records.map(\.revision) == ["abc1234", "def5678"])
            #expect(history.latest?.previousRevision == "abc1234")
            let listed = try await cluster.kubectl("get", "configmap", "mooring-history-test", "-n", "mooring-system", "-o", "name")
            #expect(listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/mooring-history-test")
        }
    }

    @Test func healthOfServedObjectsIsAssessedFromTheCluster() async throws {
        try await withCluster { cluster in
            let objects = [Manifest.namespace("apps"), Manifest.configMap("a"), Manifest.service("web")]
            _ = try await Pipeline(cluster: cluster.client).sync(objects)
            let identities = objects.compactMap { ObjectIdentity(of: $0) } + [ObjectIdentity(of: Manifest.configMap("never"))!]
            let health = try await HealthMonitor(cluster: cluster.client).assess(environment: "test", identities: identities)
            #expect(health.status == .missing)
            #expect(health.worst.map(\.identity.name) == ["never"])
        }
    }
}
