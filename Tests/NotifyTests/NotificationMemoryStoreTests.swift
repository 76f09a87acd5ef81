import Foundation
import KubeAPI
import LocalCluster
import Manifests
import Testing
@testable import Notify
@testable import Reconciler

/// The memory of what was told lives in the history ConfigMap, under its own field manager: the
/// history's applies and the memory's never drop each other's keys (server-side apply, checked
/// against the embedded cluster).
@Suite struct NotificationMemoryStoreTests {
    @Test func memoryAndHistoryShareTheConfigMapWithoutDroppingEachOther() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-notify-\(UUID().uuidString)").path
        let server = try await LocalClusterServer.start(LocalClusterOptions(dataDirectory: folder))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let client = KubeClusterClient(client: try KubeClient(kubeconfig: try Kubeconfig.load(files: [server.kubeconfigPath])),
                                           pollInterval: .milliseconds(20))
            let histories = HistoryStore(cluster: client)
            let memories = NotificationMemoryStore(cluster: client)
            var history = try await histories.load(environment: "master")
            try await histories.append(Outcomes.record(0, Outcomes.good), to: &history)
            #expect(try await memories.load(environment: "master") == NotificationMemory(), "nothing told yet")

            let told = NotificationMemory(record: 1, applied: .init(revision: Outcomes.good, result: .succeeded), health: .healthy)
            try await memories.save(told, environment: "master")
            // The reconciler appends with the history it read before the memory was written.
            try await histories.append(Outcomes.record(0, Outcomes.bad, result: .failed, health: .degraded), to: &history)

            let stored = try await histories.load(environment: "master")
            #expect(stored.records.map(\.revision) == [Outcomes.good, Outcomes.bad])
            #expect(try await memories.load(environment: "master") == told)
            let next = NotificationMemory(record: 2, applied: .init(revision: Outcomes.bad, result: .failed), health: .degraded)
            try await memories.save(next, environment: "master")
            #expect(try await histories.load(environment: "master").records.count == 2)
            #expect(try await memories.load(environment: "master") == next)

            let configMap = try #require(try await client.get(ObjectIdentity(
                type: GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"), namespace: History.namespace,
                name: History.configMapName(environment: "master"))))
            let managers = configMap[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
            #expect(Set(managers) == ["mooring", "mooring-notify"], "\(managers)")
        } catch {
            try? await server.stop()
            throw error
        }
        try? await server.stop()
    }
}
