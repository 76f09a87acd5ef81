import Foundation
import Manifests
import Reconciler

/// The JSON documents of `status`, `render` and `rollback` (`--format json`), versioned with the
/// report JSON (``JSONReportEncoder/schemaVersion``: additive changes keep it). Optional keys are
/// omitted, never `null`.
///
/// `mooring status --format json`:
/// ```
/// { "schemaVersion": 1, "type": "status",
///   "environments": [{ "environment": String,
///       "revision"?: String (applied), "sync": "Synced" | "OutOfSync" | "Unknown", "health": String,
///       "targetRevision"?: String (the ref's commit), "targetFailure"?: String, "lastGood"?: String,
///       "lastOperation"?: { "id": Int, "operation": String, "result": "Succeeded" | "Failed" | "Running",
///                           "time": RFC 3339 UTC, "message": String,
///                           "interrupted"?: true (a Running record no process holds the Lease for) },
///       "error"?: String (the environment could not be read) }] }
/// ```
/// `mooring render --format json`: the objects as a Kubernetes `List` (what `kubectl get -o json`
/// prints and `kubectl apply -f -` takes), Secret values masked unless `--show-secrets`:
/// ```
/// { "apiVersion": "v1", "kind": "List", "items": [Object] }
/// ```
/// `mooring rollback --format json`:
/// ```
/// { "schemaVersion": 1, "type": "rollback", "environment": String,
///   "reverts": [String (commit ids, in the order made)], "pushed": Bool }
/// ```
public enum CommandJSON {
    public static func status(_ rows: [(environment: String, status: Result<EnvironmentStatus, ReconcileError>)]) -> String {
        let environments: [JSON] = rows.map { name, result in
            var object = JSONObject()
            object["environment"] = .string(name)
            switch result {
            case .success(let status):
                if let revision = status.revision { object["revision"] = .string(revision) }
                object["sync"] = .string(status.syncStatus)
                object["health"] = .string(status.health.rawValue)
                if let target = status.targetRevision { object["targetRevision"] = .string(target) }
                if let failure = status.targetFailure { object["targetFailure"] = .string(failure) }
                if let good = status.lastGood { object["lastGood"] = .string(good) }
                if let record = status.lastOperation {
                    var operation: JSON = [
                        "id": .int(Int64(record.id)), "operation": .string(record.operation.rawValue),
                        "result": .string(record.result.rawValue), "time": .string(ReportWording.time(record.time)),
                        "message": .string(record.message),
                    ]
                    if status.lastOperationAbandoned { operation["interrupted"] = true }
                    object["lastOperation"] = operation
                }
            case .failure(let error):
                object["sync"] = "Unknown"
                object["health"] = "Unknown"
                object["error"] = .string(error.description)
            }
            return .object(object)
        }
        return document("status", ["environments": .array(environments)])
    }

    public static func render(_ objects: [JSON]) -> String {
        JSON.object(["apiVersion": "v1", "kind": "List", "items": .array(objects)]).prettyPrinted() + "\n"
    }

    public static func rollback(environment: String, reverts: [String], pushed: Bool) -> String {
        var members: JSONObject = ["environment": .string(environment)]
        members["reverts"] = .array(reverts.map(JSON.string))
        members["pushed"] = .bool(pushed)
        return document("rollback", members)
    }

    private static func document(_ type: String, _ members: JSONObject) -> String {
        var object: JSONObject = ["schemaVersion": .int(JSONReportEncoder.schemaVersion), "type": .string(type)]
        for (key, value) in members { object[key] = value }
        return JSON.object(object).prettyPrinted() + "\n"
    }
}
