import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// The store on its own: compare-and-swap, no-op writes, journal compaction, the event window.
@Suite struct ObjectStoreTests {
    private let resource = GroupResource(group: "", resource: "configmaps")

    private func configMap(_ name: String, _ value: String) -> JSON {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "default"],
         "data": ["v": .string(value)]]
    }

    @Test func compactionKeepsEveryObjectAcrossReopen() async throws {
        let folder = TemporaryFolder.make("store")
        let store = try ObjectStore(directory: folder, compactionThreshold: 7)
        for index in 0..<20 {
            let key = ObjectKey(resource: resource, namespace: "default", name: "cm-\(index)")
            _ = try await store.create(key, configMap("cm-\(index)", "a"))
            if index % 3 == 0 { _ = try await store.delete(key) }
        }
        let last = ObjectKey(resource: resource, namespace: "default", name: "cm-19")
        let current = await store.get(last)!
        let updated = try await store.update(last, configMap("cm-19", "b"), expected: current.resourceVersion)
        let reopened = try ObjectStore(directory: folder)
        let names = await reopened.list(resource, namespace: "default").items.compactMap { $0.object[path: ["metadata", "name"]]?.stringValue }
        #expect(names.count == 13)
        #expect(await reopened.get(last)?.object["data"] == ["v": "b"])
        #expect(await reopened.resourceVersion == updated.resourceVersion)
    }

    @Test func updatesAreCompareAndSwapAndNoOpsKeepTheVersion() async throws {
        let store = try ObjectStore(directory: TemporaryFolder.make("cas"))
        let key = ObjectKey(resource: resource, namespace: "default", name: "x")
        let created = try await store.create(key, configMap("x", "a"))
        let same = try await store.update(key, configMap("x", "a"), expected: created.resourceVersion)
        #expect(same.resourceVersion == created.resourceVersion)
        let changed = try await store.update(key, configMap("x", "b"), expected: created.resourceVersion)
        #expect(changed.resourceVersion > created.resourceVersion)
        await #expect(throws: StatusError.self) { _ = try await store.update(key, configMap("x", "c"), expected: created.resourceVersion) }
        await #expect(throws: StatusError.self) { _ = try await store.create(key, configMap("x", "c")) }
    }

    /// Seen as a 300 s `LiveCacheTests.convergesAfterTheClusterRestarts`: a client re-opening its
    /// watch while the server stopped got a watch that outlived `stopAllWatches`, and the
    /// server's `stop` waited for it until its five-minute `timeoutSeconds`.
    @Test func aWatchOpenedAfterTheServerStoppedEndsAtOnce() async throws {
        let store = try ObjectStore(directory: TemporaryFolder.make("stopped-watch"))
        let key = ObjectKey(resource: resource, namespace: "default", name: "x")
        _ = try await store.create(key, configMap("x", "a"))
        await store.stopAllWatches()
        let (events, _) = try await store.watch(WatchFilter(resource: resource, namespace: "default"), after: nil)
        let ended = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in events {}
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(ended, "the watch was still open 20 s after the server stopped")
        #expect(await store.watchCount == 0)
    }
}
