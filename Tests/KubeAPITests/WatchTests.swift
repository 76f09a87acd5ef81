import Foundation
import Manifests
import TestSupport
import Testing
@testable import KubeAPI

/// Watches against the local cluster: typed events, bookmarks, a stream cut by injected faults
/// and resumed without loss, and a relist after 410 Expired.
@Suite struct WatchTests {
    @Test func addedModifiedDeletedInOrder() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            let start = try await client.list(.configMap, namespace: "default").resourceVersion
            let events = client.watch(.configMap, WatchRequest(namespace: "default", labelSelector: "watched=yes", resourceVersion: start))
            let changes = Task {
                _ = try await client.create(configMap("w1", labels: ["watched": "yes"]))
                _ = try await client.create(configMap("ignored", labels: ["watched": "no"]))
                _ = try await client.patch(.configMap, name: "w1", patch: ["data": ["k": "v2"]], patchType: .merge)
                try await client.delete(.configMap, name: "w1")
            }
            let seen = try await collect(events, timeout: .seconds(20)) { $0.filter { $0.object != nil }.count >= 3 }
            try await changes.value
            #expect(seen.filter { $0.object != nil }.map(\.summary) == ["ADDED w1", "MODIFIED w1", "DELETED w1"])
            #expect(seen.first?.object?["kind"]?.stringValue == "ConfigMap")
        }
    }

    @Test func bookmarksArrive() async throws {
        try await withCluster { cluster in
            let start = try await cluster.client.list(.configMap, namespace: "default").resourceVersion
            let events = cluster.client.watch(.configMap, WatchRequest(namespace: "default", resourceVersion: start))
            let seen = try await collect(events, timeout: .seconds(20)) { $0.contains { if case .bookmark = $0 { true } else { false } } }
            guard case .bookmark(let version) = seen.last else { Issue.record("no bookmark"); return }
            #expect(Int(version) ?? 0 >= Int(start) ?? 0)
        }
    }

    @Test func cutStreamIsResumedFromTheLastVersionWithoutLossOrRepeats() async throws {
        try await withCluster(options: KubeClientOptions(retryPolicy: RetryPolicy(initialDelay: .milliseconds(10)))) { cluster in
            let client = cluster.client
            let start = try await client.list(.configMap, namespace: "default").resourceVersion
            // The next two watch streams end abruptly after two events each.
            try await cluster.setFaults(#"{"rules": [{"verbs": ["watch"], "cutWatchAfterEvents": 2, "count": 2}]}"#)
            let events = client.watch(.configMap, WatchRequest(namespace: "default", resourceVersion: start))
            let names = (1...7).map { "cut-\($0)" }
            let writer = Task {
                for name in names {
                    _ = try await client.create(configMap(name))
                    try await Task.sleep(for: .milliseconds(15))
                }
            }
            let seen = try await collect(events, timeout: .seconds(20)) { $0.filter { $0.object != nil }.count >= names.count }
            try await writer.value
            #expect(seen.filter { $0.object != nil }.map(\.summary) == names.map { "ADDED \($0)" })
            #expect(try await cluster.faults()["rules"]?[0]?["count"]?.intValue == 0, "both cuts happened")
        }
    }

    @Test func expiredVersionRelistsThenContinues() async throws {
        let directory = try TemporaryFolder("cluster-expired")
        try await withCluster(directory: directory) { cluster in
            for index in 0..<3 { _ = try await cluster.client.create(configMap("before-\(index)")) }
        }
        // A restarted cluster keeps its objects but not its event history: version 1 is gone.
        try await withCluster(directory: directory) { cluster in
            let client = cluster.client
            let events = client.watch(.configMap, WatchRequest(namespace: "default", resourceVersion: "1"))
            // Write only once the watch has answered, so "after" cannot slip into the relist itself
            // however slowly a busy machine relists.
            let (answered, signal) = AsyncStream<Void>.makeStream()
            let writer = Task {
                for await _ in answered { break }
                _ = try await client.create(configMap("after"))
            }
            let seen = try await collect(events, timeout: .seconds(30)) { seen in
                if seen.count == 1 { signal.yield() }
                return seen.contains { $0.summary == "ADDED after" }
            }
            signal.finish()
            try await writer.value
            guard case .relisted(let items, let version) = seen.first else { Issue.record("expected a relist first, got \(seen.map(\.summary))"); return }
            // Every namespace also holds the cluster's kube-root-ca.crt, as on a real cluster.
            #expect(Set(items.compactMap { $0[path: ["metadata", "name"]]?.stringValue }) == ["before-0", "before-1", "before-2", "kube-root-ca.crt"])
            #expect(!version.isEmpty && version != "1")
            #expect(seen.last?.summary == "ADDED after")
        }
    }

    @Test func forbiddenOrUnknownEndsTheWatchWithAnError() async throws {
        try await withCluster { cluster in
            let widget = GroupVersionKind(group: "nowhere.example", version: "v1", kind: "Nothing")
            let events = cluster.client.watch(widget)
            await #expect { for try await _ in events {} } throws: { ($0 as? KubeClientError) == .unknownKind(widget) }
        }
    }
}
