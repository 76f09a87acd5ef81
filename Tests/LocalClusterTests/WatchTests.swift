import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// Watches: `kubectl get -w`, resuming from a resourceVersion, and the 410 for a too-old one.
@Suite struct WatchTests {
    @Test func kubectlGetWatchSeesAddedModifiedAndDeleted() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("first", data: ["a": "1"]))
            // kubectl writes to a file the test reads while it runs: it may take seconds to start on
            // a loaded machine, and seconds more to print what it was sent.
            let printed = TemporaryFolder.make("watch") + "/stdout"
            let watches = await cluster.server.context.store.watchCount
            let watch = try await Command.start("sh", ["-c", #"exec kubectl "$@" > "$WATCH_OUTPUT""#, "sh",
                                                     "get", "configmaps", "-w", "-o", "custom-columns=NAME:.metadata.name,A:.data.a",
                                                     "--cache-dir", cluster.cacheDirectory],
                                              environment: ["KUBECONFIG": cluster.server.kubeconfigPath, "WATCH_OUTPUT": printed])
            func lines() -> [String] {
                ((try? String(contentsOfFile: printed, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }
            // Listed and watching from the list's resourceVersion: nothing after this can be missed.
            let watching = try await eventually(timeout: 60) {
                await cluster.server.context.store.watchCount == watches + 1 && lines().contains { $0.hasPrefix("first") }
            }
            #expect(watching)
            try await cluster.apply(TestManifests.configMap("second", data: ["a": "2"]))
            _ = try await cluster.kubectl("patch", "cm", "first", "--type=merge", "-p", #"{"data":{"a":"changed"}}"#)
            _ = try await cluster.kubectl("delete", "cm", "second")
            let seen = try await eventually(timeout: 60) {
                lines().filter { $0.hasPrefix("second") }.count >= 2 && lines().contains { $0.contains("changed") }
            }
            _ = await watch.stop()
            #expect(seen, "\(lines())")
            // ADDED and DELETED of `second`, each a line of the table.
            #expect(lines().filter { $0.hasPrefix("second") }.count == 2, "\(lines())")
        }
    }

    @Test func watchStreamsEventsAsJSONLinesFromAResourceVersion() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("w1", data: ["a": "1"]))
            let version = try await cluster.kubectl("get", "cm", "w1", "-o", "jsonpath={.metadata.resourceVersion}").stdout
            _ = try await cluster.kubectl("label", "cm", "w1", "x=y")
            _ = try await cluster.kubectl("delete", "cm", "w1")
            let stream = try await cluster.curl("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=\(version)&timeoutSeconds=1")
            let events = try stream.httpBody.split(separator: "\n").map { try JSON(parsing: String($0)) }
            #expect(events.map { $0["type"]?.stringValue ?? "" } == ["MODIFIED", "DELETED"])
            #expect(events.first?[path: ["object", "metadata", "labels", "x"]] == "y")
        }
    }

    @Test func aTooOldResourceVersionGetsAnExpiredErrorEvent() async throws {
        let folder = TemporaryFolder.make("expired")
        let first = try await TestCluster.start(dataDirectory: folder)
        try await first.apply(TestManifests.configMap("old", data: ["a": "1"]))
        let version = try await first.kubectl("get", "cm", "old", "-o", "jsonpath={.metadata.resourceVersion}").stdout
        _ = try await first.kubectl("label", "cm", "old", "x=y")
        await first.stop()
        // After a restart the event window starts at the stored resourceVersion.
        let second = try await TestCluster.start(dataDirectory: folder)
        let stream = try await second.curl("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=\(Int(version)! - 1)")
        await second.stop()
        let event = try JSON(parsing: stream.httpBody.split(separator: "\n").first.map(String.init) ?? "")
        #expect(event["type"] == "ERROR")
        #expect(event[path: ["object", "code"]] == 410)
        #expect(event[path: ["object", "reason"]] == "Expired")
        #expect(event[path: ["object", "message"]]?.stringValue?.hasPrefix("too old resource version: ") == true)
    }

    @Test func labelSelectorWatchesSeeObjectsLeave() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("sel", data: ["a": "1"], labels: ["app": "web"]))
            let version = try await cluster.kubectl("get", "cm", "sel", "-o", "jsonpath={.metadata.resourceVersion}").stdout
            _ = try await cluster.kubectl("label", "cm", "sel", "app=db", "--overwrite")
            let stream = try await cluster.curl("/api/v1/namespaces/default/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion=\(version)&timeoutSeconds=1")
            let types = try stream.httpBody.split(separator: "\n").map { try JSON(parsing: String($0))["type"]?.stringValue ?? "" }
            #expect(types == ["DELETED"])
        }
    }

    @Test func aWatchEndsWhenItsClientGoesAway() async throws {
        try await withCluster { cluster in
            let before = await cluster.server.context.store.watchCount
            let watch = try await Command.start("curl", ["-s", "-N", "-H", "Authorization: Bearer \(cluster.server.token)",
                                                         cluster.server.url + "/api/v1/namespaces/default/configmaps?watch=1"])
            let opened = try await eventually(timeout: 60) { await cluster.server.context.store.watchCount == before + 1 }
            #expect(opened)
            _ = await watch.stop()
            let closed = try await eventually(timeout: 60) { await cluster.server.context.store.watchCount == before }
            #expect(closed)
        }
    }
}

/// Watch and list details client-go relies on: history before the server's start is gone (410),
/// watch-list's end-of-initial-events bookmark, and `continue` pages as one snapshot.
@Suite struct WatchListAndPagingTests {
    /// A real server's watch cache starts at its startup LIST: `resourceVersion=1` is too old.
    @Test func aWatchFromResourceVersionOneIsExpired() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("now", data: ["a": "1"]))
            let stream = try await cluster.curl("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1&timeoutSeconds=1")
            let event = try JSON(parsing: stream.httpBody.split(separator: "\n").first.map(String.init) ?? "")
            #expect(event["type"] == "ERROR")
            #expect(event[path: ["object", "code"]] == 410)
        }
    }

    /// `sendInitialEvents=true` (client-go's WatchList): ADDED for what exists, then a BOOKMARK
    /// annotated `k8s.io/initial-events-end`, then changes (KEP-3157).
    @Test func watchListEndsItsInitialEventsWithABookmark() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("one", data: ["a": "1"]))
            try await cluster.apply(TestManifests.configMap("two", data: ["a": "1"]))
            let path = "/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1"
            let stream = try await cluster.curl(path)
            let events = try stream.httpBody.split(separator: "\n").map { try JSON(parsing: String($0)) }
            #expect(events.map { $0["type"]?.stringValue ?? "" }.prefix(4) == ["ADDED", "ADDED", "ADDED", "BOOKMARK"])
            #expect(events.count >= 4 && events[3][path: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
            let refused = try await cluster.curl("/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&timeoutSeconds=1")
            #expect(refused.httpStatus == 422)
            #expect(refused.httpBody.contains("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
        }
    }

    /// Later pages show the list as of the first page's resourceVersion: changes in between do
    /// not appear, deleted objects still do (etcd snapshot reads).
    @Test func continuePagesAreOneConsistentSnapshot() async throws {
        try await withCluster { cluster in
            for name in ["a", "b", "c", "d"] { try await cluster.apply(TestManifests.configMap("page-\(name)", data: ["v": "1"], labels: ["set": "p"])) }
            let first = try JSON(parsing: try await cluster.curl("/api/v1/namespaces/default/configmaps?labelSelector=set%3Dp&limit=2").httpBody)
            let token = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            #expect(first[path: ["metadata", "remainingItemCount"]] == 2)
            _ = try await cluster.kubectl("delete", "cm", "page-d")
            _ = try await cluster.kubectl("label", "cm", "page-c", "changed=yes")
            try await cluster.apply(TestManifests.configMap("page-e", data: ["v": "1"], labels: ["set": "p"]))
            let escaped = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
            let second = try JSON(parsing: try await cluster.curl("/api/v1/namespaces/default/configmaps?labelSelector=set%3Dp&limit=2&continue=\(escaped)").httpBody)
            let names = second["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue }
            #expect(names == ["page-c", "page-d"])
            #expect(second["items"]?.arrayValue?.first?[path: ["metadata", "labels", "changed"]] == nil)
            #expect(second[path: ["metadata", "resourceVersion"]] == first[path: ["metadata", "resourceVersion"]])
        }
    }
}
