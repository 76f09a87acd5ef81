import Foundation
import Manifests
import Testing
@testable import Reconciler

@Suite struct HistoryTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18T…Z, whole seconds

    func record(_ revision: String, _ operation: SyncOperation = .sync, _ result: OperationResult = .succeeded,
                _ health: HealthStatus = .healthy, minutes: Int = 0, from: String? = nil, to: String? = nil) -> HistoryRecord {
        HistoryRecord(revision: revision, time: start.addingTimeInterval(Double(minutes * 60)), operation: operation,
                      result: result, health: health, message: "\(operation.rawValue) \(revision)",
                      rolledBackFrom: from, rolledBackTo: to)
    }

    @Test func roundTripsThroughTheConfigMapWithStableKeys() throws {
        var history = History(environment: "develop")
        var first = record("aaaaaaa", minutes: 0)
        first.created = ObjectTally(count: 2, names: ["Namespace web", "Deployment.apps web/django"])
        history.append(first)
        history.append(record("bbbbbbb", .sync, .failed, .degraded, minutes: 5))
        history.append(record("aaaaaaa", .autoRollback, .succeeded, .healthy, minutes: 6, from: "bbbbbbb", to: "aaaaaaa"))

        let configMap = history.configMap
        #expect(configMap[path: ["metadata", "name"]] == "mooring-history-develop")
        #expect(configMap[path: ["metadata", "namespace"]] == "mooring-system")
        #expect(configMap[path: ["metadata", "labels", "mooring.dev/history-of"]] == "develop")
        #expect(configMap[path: ["metadata", "labels", "mooring.dev/environment"]] == nil)
        #expect(configMap["data"]?.objectValue?.keys == ["record-0000000001", "record-0000000002", "record-0000000003"])
        let stored = try JSON(parsing: configMap[path: ["data", "record-0000000003"]]!.stringValue!)
        #expect(stored.serialized() == #"{"id":3,"revision":"aaaaaaa","previousRevision":"bbbbbbb","time":"2026-11-18T11:12:40Z","operation":"auto-rollback","result":"Succeeded","health":"Healthy","created":{"count":0,"names":[]},"configured":{"count":0,"names":[]},"pruned":{"count":0,"names":[]},"message":"auto-rollback aaaaaaa","rolledBackFrom":"bbbbbbb","rolledBackTo":"aaaaaaa"}"#)

        // As the API server returns it: with server metadata around the data.
        var live = configMap
        live[path: ["metadata", "uid"]] = "9f1c"
        live[path: ["metadata", "resourceVersion"]] = "5123"
        let read = try History(configMap: live)
        #expect(read == history)
        #expect(read.records.map(\.previousRevision) == [nil, "aaaaaaa", "bbbbbbb"])
    }

    @Test func keepsTheLastTwentyRecords() throws {
        var history = History(environment: "master")
        for index in 1...25 { history.append(record("rev\(index)", minutes: index)) }
        #expect(history.records.count == 20)
        #expect(history.records.first?.id == 6)
        #expect(history.latest?.id == 25)
        let read = try History(configMap: history.configMap)
        #expect(read.records.map(\.revision) == (6...25).map { "rev\($0)" })
        var next = read
        #expect(next.append(record("rev26")).id == 26)
    }

    @Test func lastHealthyRevisionSkipsFailuresAndRolledBackRevisions() {
        var history = History(environment: "develop")
        history.append(record("good1"))
        history.append(record("good2"))
        history.append(record("bad", .sync, .failed, .degraded))
        #expect(history.lastHealthyRevision(excluding: "bad") == "good2")
        history.append(record("good2", .autoRollback, .succeeded, .healthy, from: "bad", to: "good2"))
        #expect(history.isRolledBack("bad"))
        #expect(!history.isRolledBack("good2"))
        // A later commit that comes up Degraded returns to good2, never to "bad".
        history.append(record("bad", .sync, .succeeded, .healthy)) // e.g. forced by hand
        #expect(history.lastHealthyRevision(excluding: "next") == "good2")
        #expect(History(environment: "x").lastHealthyRevision() == nil)
    }

    @Test func unreadableRecordsAreSetAsideNotFatal() throws {
        var configMap = History(environment: "develop").configMap
        configMap[path: ["data", "record-0000000001"]] = .string(record("r1").json.serialized())
        configMap[path: ["data", "record-0000000002"]] = "{not json"
        configMap[path: ["data", "record-0000000003"]] = #"{"id":3,"revision":"r3","time":"2026-11-18T08:00:00Z","operation":"teleport","result":"Succeeded","health":"Healthy"}"#
        let history = try History(configMap: configMap)
        #expect(history.records.map(\.revision) == ["r1"])
        #expect(history.unreadable.keys.sorted() == ["record-0000000002", "record-0000000003"])
        #expect(history.unreadable["record-0000000003"] == #"unreadable history record: unknown operation "teleport""#)

        #expect(throws: HistoryError.self) { try History(configMap: ["kind": "ConfigMap", "metadata": ["name": "other"]]) }
    }
}
