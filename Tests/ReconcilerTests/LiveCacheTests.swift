import Foundation
import KubeAPI
import LocalCluster
import Manifests
@testable import Reconciler
import Synchronization
import TestSupport
import Testing

/// The live cache of `mooring run` against the embedded cluster over HTTP: a warm no-op read
/// sends no request; watches cut by injected faults, a 410 Expired and a restarted cluster all
/// end with the cache equal to the cluster; an edit made while it relists is not lost.
@Suite struct LiveCacheTests {
    @Test func warmNoOpReadSendsNoRequest() async throws {
        try await withCluster { cluster in
            let objects = [Manifest.namespace("apps"), Manifest.configMap("settings"), Manifest.service("web")]
            #expect(try await Pipeline(cluster: cluster.client).sync(objects).succeeded)
            let cache = LiveCache(client: cluster.client.client)
            defer { Task { await cache.stop() } }
            let counting = CountingClusterClient(cluster.client)
            let cached = CachedClusterClient(counting, cache: cache)
            // The cold pass fills the cache (one LIST per type, then watches).
            _ = try await Pipeline(cluster: cached).plan(objects)
            #expect(counting.counts.lists == 0, "the cache LISTs for the reader: \(counting.counts)")
            // Each watched type opens its WATCH once its LIST answered: wait until they all have
            // (nothing more is sent for a while).
            #expect(try await eventually {
                let sent = cluster.client.client.requestsSent
                try await Task.sleep(for: .milliseconds(300))
                return cluster.client.client.requestsSent == sent
            })
            let before = cluster.client.client.requestsSent
            let (plan, _, state) = try await Pipeline(cluster: cached).plan(objects)
            #expect(plan.isEmpty, "\(plan)")
            #expect(state.complete)
            #expect(state.objects.count == 3)
            #expect(cluster.client.client.requestsSent == before, "a warm no-op read asks the server nothing")
            #expect(counting.counts.total == 0, "\(counting.counts)")
        }
    }

    @Test func writesAreReadBackBeforeTheirWatchEvent() async throws {
        try await withCluster { cluster in
            let cache = LiveCache(client: cluster.client.client)
            defer { Task { await cache.stop() } }
            let cached = CachedClusterClient(cluster.client, cache: cache)
            _ = try await cached.list(.configMapV1, labelSelector: LiveCache.selector)
            _ = try await cluster.client.apply(Manifest.namespace("apps"), fieldManager: "test", force: true, dryRun: false)
            let stored = try await cached.apply(tracked("written", data: ["k": "v1"]), fieldManager: "test", force: true, dryRun: false)
            let read = try await cached.get(try #require(ObjectIdentity(of: stored)))
            #expect(read?[path: ["data", "k"]] == "v1")
            #expect(read?[path: ["metadata", "resourceVersion"]] == stored[path: ["metadata", "resourceVersion"]])
        }
    }

    @Test func convergesAfterWatchCuts() async throws {
        try await withCluster { cluster in
            _ = try await cluster.client.apply(Manifest.namespace("apps"), fieldManager: "test", force: true, dryRun: false)
            // The next three watch streams end abruptly after two events each.
            try await cluster.setFaults(#"{"rules": [{"verbs": ["watch"], "cutWatchAfterEvents": 2, "count": 3}]}"#)
            let cache = LiveCache(client: cluster.client.client)
            defer { Task { await cache.stop() } }
            let informer = try #require(await cache.informer(for: .configMapV1))
            #expect(await informer.snapshot() != nil)
            let names = (1...9).map { "cut-\($0)" }
            for name in names {
                _ = try await cluster.client.apply(tracked(name), fieldManager: "test", force: true, dryRun: false)
            }
            _ = try await cluster.client.apply(tracked("cut-1", data: ["k": "edited"]), fieldManager: "test", force: true, dryRun: false)
            #expect(try await eventually(timeout: .seconds(60)) { try await cacheMatchesCluster(informer, cluster.client) })
            #expect(try await cluster.faults()["rules"]?[0]?["count"]?.intValue == 0, "every cut happened")
        }
    }

    @Test func expiredWatchRelistsAndAnEditDuringTheRelistIsNotLost() async throws {
        try await withCluster { cluster in
            _ = try await cluster.client.apply(Manifest.namespace("apps"), fieldManager: "test", force: true, dryRun: false)
            _ = try await cluster.client.apply(tracked("a"), fieldManager: "test", force: true, dryRun: false)
            // The first watch is cut after one event ...
            try await cluster.setFaults(#"{"rules": [{"verbs": ["watch"], "cutWatchAfterEvents": 1, "count": 1}]}"#)
            let cache = LiveCache(client: cluster.client.client)
            defer { Task { await cache.stop() } }
            let informer = try #require(await cache.informer(for: .configMapV1))
            #expect(await informer.snapshot() != nil)
            // ... and its resumption is told 410 Gone, so it lists again: slowly (1.5 s), so that
            // an edit and a creation land while the relist is in flight.
            try await cluster.setFaults(#"{"rules": [{"verbs": ["watch"], "status": 410, "count": 1}, {"verbs": ["list"], "latencyMilliseconds": 1500, "count": 1}]}"#)
            _ = try await cluster.client.apply(tracked("b"), fieldManager: "test", force: true, dryRun: false)
            #expect(try await eventually(timeout: .seconds(30)) { try await cluster.faults()["rules"]?[1]?["count"]?.intValue == 0 },
                    "the relist started")
            _ = try await cluster.client.apply(tracked("a", data: ["k": "edited during the relist"]), fieldManager: "test", force: true, dryRun: false)
            _ = try await cluster.client.apply(tracked("c"), fieldManager: "test", force: true, dryRun: false)
            #expect(try await eventually(timeout: .seconds(60)) { try await cacheMatchesCluster(informer, cluster.client) })
            #expect(await informer.lists >= 2, "410 made it list again")
            let identity = try #require(ObjectIdentity(of: tracked("a")))
            let live = try #require(try await cluster.client.get(identity))
            #expect(live[path: ["data", "k"]] == "edited during the relist")
            // Held in its cached form: without the managedFields entry of the "test" manager.
            #expect(await informer.lookup(identity) == .found(CachedForm.of(live)))
            #expect(live[path: ["metadata", "managedFields"]]?.arrayValue?.count == 1)
            #expect(CachedForm.of(live)[path: ["metadata", "managedFields"]]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func convergesAfterTheClusterRestarts() async throws {
        let folder = TemporaryFolder.make("cache-restart")
        var options = LocalClusterOptions(dataDirectory: folder)
        options.timeScale = 50
        let first = try await LocalClusterServer.start(options)
        let kubeconfig = try Kubeconfig.load(files: [first.kubeconfigPath])
        let client = KubeClusterClient(client: try KubeClient(kubeconfig: kubeconfig, options: KubeClientOptions(
            retryPolicy: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(50), maxDelay: .milliseconds(500)))))
        let cache = LiveCache(client: client.client)
        options.port = first.port
        var second: LocalClusterServer?
        do {
            _ = try await client.apply(Manifest.namespace("apps"), fieldManager: "test", force: true, dryRun: false)
            _ = try await client.apply(tracked("kept"), fieldManager: "test", force: true, dryRun: false)
            _ = try await client.apply(tracked("deleted-later"), fieldManager: "test", force: true, dryRun: false)
            let informer = try #require(await cache.informer(for: .configMapV1))
            #expect(await informer.snapshot()?.count == 2)
            try await first.stop()
            second = try await LocalClusterServer.start(options)
            _ = try await client.apply(tracked("created-after-restart"), fieldManager: "test", force: true, dryRun: false)
            try await client.delete(try #require(ObjectIdentity(of: tracked("deleted-later"))), propagation: .background)
            #expect(try await eventually(timeout: .seconds(90)) { try await cacheMatchesCluster(informer, client) })
            let names = Set((await informer.snapshot() ?? []).compactMap { $0[path: ["metadata", "name"]]?.stringValue })
            #expect(names == ["kept", "created-after-restart"])
        } catch {
            await cache.stop()
            try? await first.stop()
            try? await second?.stop()
            throw error
        }
        await cache.stop()
        try? await second?.stop()
    }

    @Test func changesToTrackedObjectsAreReportedButStatusAloneIsNot() async throws {
        try await withCluster { cluster in
            _ = try await cluster.client.apply(Manifest.namespace("apps"), fieldManager: "test", force: true, dryRun: false)
            _ = try await cluster.client.apply(tracked("watched"), fieldManager: "test", force: true, dryRun: false)
            let cache = LiveCache(client: cluster.client.client)
            defer { Task { await cache.stop() } }
            let seen = Mutex<[TrackedChange]>([])
            cache.onChange { change in seen.withLock { $0.append(change) } }
            let informer = try #require(await cache.informer(for: .configMapV1))
            #expect(await informer.snapshot() != nil)
            _ = try await cluster.client.apply(tracked("watched", data: ["k": "by hand"]), fieldManager: "kubectl", force: true, dryRun: false)
            try await cluster.client.delete(try #require(ObjectIdentity(of: tracked("watched"))), propagation: .background)
            #expect(try await eventually { seen.withLock { $0.count } >= 2 })
            let changes = seen.withLock { $0 }
            #expect(changes.map(\.environment) == ["test", "test"])
            #expect(changes.map(\.deleted) == [false, true])
        }
    }

    /// `EnvironmentChanges`: a change the cache stores moves the stamp of the environment the
    /// object is labelled for (its history ConfigMap's too), status alone included, and no
    /// other environment's; a relist moves every stamp.
    @Test func storedChangesMoveTheirEnvironmentsStampOnly() async throws {
        try await withCluster { cluster in
            _ = try await cluster.client.apply(Manifest.namespace("apps"), fieldManager: "test", force: true, dryRun: false)
            _ = try await cluster.client.apply(tracked("watched"), fieldManager: "test", force: true, dryRun: false)
            let cache = LiveCache(client: cluster.client.client)
            defer { Task { await cache.stop() } }
            let informer = try #require(await cache.informer(for: .configMapV1))
            #expect(await informer.snapshot() != nil)
            let (test, other) = (cache.changes.stamp(environment: "test"), cache.changes.stamp(environment: "other"))
            _ = try await cluster.client.apply(tracked("watched", data: ["k": "by hand"]), fieldManager: "kubectl", force: true, dryRun: false)
            #expect(try await eventually { cache.changes.stamp(environment: "test") != test })
            #expect(cache.changes.stamp(environment: "other") == other, "another environment's stamp stays")

            // A history ConfigMap counts for the environment it is the history of.
            let history = cache.changes.stamp(environment: "test")
            var record = Manifest.configMap("mooring-history-test", data: ["records": "[]"])
            record[path: ["metadata", "labels"]] = [Tracking.managedByLabel: .string(Tracking.managedByValue), History.historyOfLabel: "test"]
            _ = try await cluster.client.apply(record, fieldManager: "test", force: true, dryRun: false)
            #expect(try await eventually { cache.changes.stamp(environment: "test") != history })
            #expect(cache.changes.stamp(environment: "other") == other)

        }
    }

    /// A watch cut, and the relist after 410 Gone, may have missed anything: every stamp moves.
    @Test func aCutWatchAndARelistMoveEveryStamp() async throws {
        try await withCluster { cluster in
            _ = try await cluster.client.apply(Manifest.namespace("apps"), fieldManager: "test", force: true, dryRun: false)
            try await cluster.setFaults(#"{"rules": [{"verbs": ["watch"], "cutWatchAfterEvents": 1, "count": 1}]}"#)
            let cache = LiveCache(client: cluster.client.client)
            defer { Task { await cache.stop() } }
            let informer = try #require(await cache.informer(for: .configMapV1))
            #expect(await informer.snapshot() != nil)
            let before = cache.changes.stamp(environment: "other")
            try await cluster.setFaults(#"{"rules": [{"verbs": ["watch"], "status": 410, "count": 1}]}"#)
            _ = try await cluster.client.apply(tracked("another"), fieldManager: "test", force: true, dryRun: false)
            #expect(try await eventually(timeout: .seconds(60)) { await informer.lists >= 2 }, "410 made it list again")
            #expect(cache.changes.stamp(environment: "other") != before)
        }
    }

    // MARK: - Helpers

    /// A ConfigMap carrying the tracking labels of environment `test`.
    private func tracked(_ name: String, data: [String: String] = ["k": "v"]) -> JSON {
        var object = Manifest.configMap(name, data: data)
        object[path: ["metadata", "labels"]] = [Tracking.managedByLabel: .string(Tracking.managedByValue), Tracking.environmentLabel: "test"]
        return object
    }

    /// Whether the informer holds exactly the tracked ConfigMaps the server LISTs, version for version.
    private func cacheMatchesCluster(_ informer: ResourceInformer, _ client: KubeClusterClient) async throws -> Bool {
        guard let held = await informer.snapshot() else { return false }
        let live = try await client.list(.configMapV1, labelSelector: LiveCache.selector)
        func versions(_ objects: [JSON]) -> [String: String] {
            Dictionary(objects.map { ($0[path: ["metadata", "name"]]?.stringValue ?? "", $0[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") },
                       uniquingKeysWith: { a, _ in a })
        }
        return versions(held) == versions(live)
    }
}

extension GroupVersionKind {
    static let configMapV1 = GroupVersionKind(group: "", version: "v1", kind: "ConfigMap")
}

extension ClusterFixture {
    /// Replaces the cluster's fault rules (see `FaultRules`).
    func setFaults(_ rules: String) async throws {
        _ = try await Command.check("curl", ["-sf", "-X", "PUT", "-H", "Authorization: Bearer \(server.token)",
                                             "-H", "Content-Type: application/json", "--data-binary", rules, server.url + "/mooring-admin/faults"])
    }

    func faults() async throws -> JSON {
        try JSON(parsing: try await Command.check("curl", ["-sf", "-H", "Authorization: Bearer \(server.token)", server.url + "/mooring-admin/faults"]))
    }
}

/// The in-sync verdicts `mooring run` keeps between passes.
@Suite struct DiffMemoTests {
    @Test func unchangedObjectsKeepTheirVerdictAndAnyChangeIsDiffedAfresh() async throws {
        try await withCluster { cluster in
            let objects = [Manifest.namespace("apps"), Manifest.configMap("settings"), Manifest.service("web")]
            #expect(try await Pipeline(cluster: cluster.client).sync(objects).succeeded)
            let memo = DiffMemo()
            let pipeline = Pipeline(cluster: cluster.client, memo: memo)
            #expect(try await pipeline.plan(objects).0.isEmpty)
            #expect(memo.count == 3, "every object found in sync is remembered")
            #expect(try await pipeline.plan(objects).0.isEmpty)

            // A hand edit in the cluster changes the live resourceVersion: diffed again, drift found.
            _ = try await cluster.kubectl("patch", "configmap", "settings", "-n", "apps", "--type=merge", "-p", #"{"data":{"key":"by hand"}}"#)
            let (plan, _, _) = try await pipeline.plan(objects)
            #expect(plan.objectsToApply.map(\.identity.name) == ["settings"])
            #expect(memo.count == 2)

            // A new desired content is diffed again too.
            let changed = [Manifest.namespace("apps"), Manifest.configMap("settings"), Manifest.service("web", port: 81)]
            let (next, _, _) = try await pipeline.plan(changed)
            #expect(next.objectsToApply.map(\.identity.name).sorted() == ["settings", "web"])
        }
    }

    /// A new commit that leaves an object as it was changes only its `mooring.dev/revision`
    /// annotation, which the diff ignores: its verdict stands (a commit elsewhere in the
    /// repository re-diffs nothing). Anything else that changed is diffed afresh.
    @Test func aNewRevisionOfTheSameContentKeepsTheVerdict() async throws {
        try await withCluster { cluster in
            let objects = [Manifest.namespace("apps"), Manifest.configMap("settings")]
            #expect(try await Pipeline(cluster: cluster.client).sync(objects).succeeded)
            let memo = DiffMemo()
            let (plan, desired, live) = try await Pipeline(cluster: cluster.client, memo: memo).plan(objects, revision: "rev1")
            #expect(plan.isEmpty && memo.count == 2)
            let settings = try #require(desired.first { $0["kind"] == "ConfigMap" })
            let identity = try #require(ObjectIdentity(of: settings))
            var next = settings
            next[path: ["metadata", "annotations", Tracking.revisionAnnotation]] = "rev2"
            let verdict = try #require(memo.verdict(desired: next, live: live.byIdentity[identity]))
            #expect(verdict.status == .synced)
            #expect(verdict.desired == next, "the verdict carries the object as desired now")
            var edited = next
            edited[path: ["data", "key"]] = "changed"
            #expect(memo.verdict(desired: edited, live: live.byIdentity[identity]) == nil)
        }
    }
}
