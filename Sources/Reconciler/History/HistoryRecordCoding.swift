import Foundation
import Manifests

/// The JSON form of a record stored in the history ConfigMap. Field names are a stable, documented
/// format (scripts read them): `id`, `revision`, `previousRevision`, `time` (RFC 3339 UTC),
/// `operation` (sync | rollback | auto-rollback | self-heal | prune), `result` (Succeeded |
/// Failed), `health`, `created` / `configured` / `pruned` ({count, names}), `message`,
/// `rolledBackFrom`, `rolledBackTo`, `tree` (the environment folder's git tree id at `revision`),
/// `hooks` ([{phase, object, result, started, seconds, message, deleted}]).
/// Absent optional fields are omitted.
extension HistoryRecord {
    public var json: JSON {
        var object = JSONObject()
        object["id"] = .int(Int64(id))
        object["revision"] = .string(revision)
        if let previousRevision { object["previousRevision"] = .string(previousRevision) }
        object["time"] = .string(time.formatted(HistoryRecord.timeFormat))
        object["operation"] = .string(operation.rawValue)
        object["result"] = .string(result.rawValue)
        object["health"] = .string(health.rawValue)
        object["created"] = created.json
        object["configured"] = configured.json
        object["pruned"] = pruned.json
        object["message"] = .string(message)
        if let rolledBackFrom { object["rolledBackFrom"] = .string(rolledBackFrom) }
        if let rolledBackTo { object["rolledBackTo"] = .string(rolledBackTo) }
        if let pathTree { object["tree"] = .string(pathTree) }
        if !hooks.isEmpty { object["hooks"] = .array(hooks.map(\.json)) }
        return .object(object)
    }

    public init(json: JSON) throws {
        func required(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else { throw HistoryError.badRecord("missing \(key)") }
            return value
        }
        guard let id = json["id"]?.intValue else { throw HistoryError.badRecord("missing id") }
        guard let time = try? Date(try required("time"), strategy: HistoryRecord.timeFormat) else {
            throw HistoryError.badRecord("bad time \(json["time"]?.serialized() ?? "null")")
        }
        guard let operation = SyncOperation(rawValue: try required("operation")) else {
            throw HistoryError.badRecord("unknown operation \(json["operation"]!.serialized())")
        }
        guard let result = OperationResult(rawValue: try required("result")) else {
            throw HistoryError.badRecord("unknown result \(json["result"]!.serialized())")
        }
        guard let health = HealthStatus(rawValue: try required("health")) else {
            throw HistoryError.badRecord("unknown health \(json["health"]!.serialized())")
        }
        self.init(
            id: Int(id), revision: try required("revision"), previousRevision: json["previousRevision"]?.stringValue,
            time: time, operation: operation, result: result, health: health,
            created: ObjectTally(json: json["created"]), configured: ObjectTally(json: json["configured"]),
            pruned: ObjectTally(json: json["pruned"]), message: json["message"]?.stringValue ?? "",
            rolledBackFrom: json["rolledBackFrom"]?.stringValue, rolledBackTo: json["rolledBackTo"]?.stringValue,
            pathTree: json["tree"]?.stringValue,
            hooks: try (json["hooks"]?.arrayValue ?? []).map(HookResult.init(json:)))
    }

    static let timeFormat = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
}

extension HookResult {
    var json: JSON {
        var object: JSONObject = [
            "phase": .string(phase.rawValue), "object": .string(identity.description), "result": .string(status.rawValue),
            "started": .string(startedAt.formatted(HistoryRecord.timeFormat)), "seconds": .double(duration),
            "message": .string(message),
        ]
        if deleted { object["deleted"] = .bool(true) }
        return .object(object)
    }

    init(json: JSON) throws {
        guard let phase = json["phase"]?.stringValue.flatMap(HookPhase.init(rawValue:)),
              let status = json["result"]?.stringValue.flatMap(Status.init(rawValue:)),
              let name = json["object"]?.stringValue,
              let started = try? Date(json["started"]?.stringValue ?? "", strategy: HistoryRecord.timeFormat)
        else { throw HistoryError.badRecord("unreadable hook \(json.serialized())") }
        let seconds = json["seconds"]?.doubleValue ?? Double(json["seconds"]?.intValue ?? 0)
        self.init(phase: phase, identity: ObjectIdentity(described: name), status: status,
                  message: json["message"]?.stringValue ?? "", startedAt: started,
                  finishedAt: started.addingTimeInterval(seconds), deleted: json["deleted"]?.boolValue ?? false)
    }
}

extension ObjectTally {
    var json: JSON {
        ["count": .int(Int64(count)), "names": .array(names.map(JSON.string))]
    }

    init(json: JSON?) {
        self.init(count: Int(json?["count"]?.intValue ?? 0), names: json?["names"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

/// A history ConfigMap that cannot be read as one.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case badRecord(String)
    case notAHistory(String)

    public var description: String {
        switch self {
        case .badRecord(let reason): return "unreadable history record: \(reason)"
        case .notAHistory(let reason): return "not a mooring history ConfigMap: \(reason)"
        }
    }
}
