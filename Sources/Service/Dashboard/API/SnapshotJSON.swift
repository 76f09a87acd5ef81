import Foundation
import Manifests
import Reconciler
import Reports

/// The JSON API's shapes (`/api/v1/…`), version 1. Keys are only ever added; optional keys are
/// omitted, never `null`. Reports inside (`report`, `/diff`, `/history`) use the Reports
/// module's documented schema (`JSONReportEncoder`), so a script reads one format everywhere.
///
/// An environment in `/api/v1/environments`:
/// ```
/// { "name": "develop", "ref"?: "main", "path": "environments/develop", "cluster": "local",
///   "sync": "Synced" | "OutOfSync" | "Unknown",
///   "health": "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown",
///   "driftCount": 0, "reconciling": false, "checkedAt"?: RFC 3339,
///   "revision"?: { "id", "author"?, "summary"?, "time"? },
///   "lastOperation"?: { "id", "operation", "result", "health", "time", "revision", "message",
///                       "rolledBackFrom"?, "rolledBackTo"?, "requestedBy"? (who asked, from the dashboard) },
///   "rollback"?: "auto-rollback from b7e1f00 to a1b2c3d", "error"?: String }
/// ```
/// `/api/v1/environments/{name}` adds `"report"`: the live-against-revision report (objects with
/// action, health and masked field diffs; policy notes).
enum SnapshotJSON {
    static let apiVersion: JSON = "mooring.dev/v1"

    static func list(_ snapshots: [EnvironmentSnapshot]) -> JSON {
        ["apiVersion": apiVersion, "kind": "EnvironmentList", "environments": .array(snapshots.map(summary))]
    }

    static func detail(_ snapshot: EnvironmentSnapshot) -> JSON {
        guard case .object(var object) = summary(snapshot) else { return summary(snapshot) }
        object["apiVersion"] = apiVersion
        object["kind"] = "Environment"
        if let report = snapshot.report {
            object["report"] = JSONReportEncoder().encode(Report(kind: .diff, title: "\(snapshot.name): live against \(report.revision.prefix(7))",
                                                                 environments: [report]))
        }
        object["history"] = .array(snapshot.recentOperations.map(operation))
        return .object(object)
    }

    static func summary(_ snapshot: EnvironmentSnapshot) -> JSON {
        var object: JSONObject = [
            "name": .string(snapshot.name), "path": .string(snapshot.path), "cluster": .string(snapshot.cluster),
            "sync": .string(snapshot.sync.rawValue), "health": .string(snapshot.shownHealth.rawValue),
            "driftCount": .int(Int64(snapshot.driftCount)), "reconciling": .bool(snapshot.reconciling),
        ]
        if let ref = snapshot.ref { object["ref"] = .string(ref) }
        if let checked = snapshot.checkedAt { object["checkedAt"] = .string(time(checked)) }
        if let commit = snapshot.commit { object["revision"] = self.commit(commit) }
        if let last = snapshot.lastOperation { object["lastOperation"] = operation(last) }
        if let marker = snapshot.rollbackMarker { object["rollback"] = .string(marker) }
        if let error = snapshot.error { object["error"] = .string(error) }
        return .object(object)
    }

    static func operation(_ record: HistoryRecord) -> JSON {
        var object: JSONObject = [
            "id": .int(Int64(record.id)), "operation": .string(record.operation.rawValue), "result": .string(record.result.rawValue),
            "health": .string(record.health.rawValue), "time": .string(time(record.time)), "revision": .string(record.revision),
            "message": .string(record.message),
        ]
        if let from = record.rolledBackFrom { object["rolledBackFrom"] = .string(from) }
        if let to = record.rolledBackTo { object["rolledBackTo"] = .string(to) }
        if let user = record.requestedBy { object["requestedBy"] = .string(user) }
        return .object(object)
    }

    static func commit(_ commit: CommitInfo) -> JSON {
        var object: JSONObject = ["id": .string(commit.id)]
        if let author = commit.author { object["author"] = .string(author) }
        if let summary = commit.summary { object["summary"] = .string(summary) }
        if let time = commit.time { object["time"] = .string(self.time(time)) }
        return .object(object)
    }

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    static func error(_ message: String) -> JSON {
        ["apiVersion": apiVersion, "kind": "Status", "status": "Failure", "message": .string(message)]
    }
}
