import Manifests
import Reconciler

/// Reports as JSON for tooling, in a documented, versioned schema.
///
/// Schema version 1 (`"schemaVersion": 1`). Additive changes (new keys) keep the version; a key
/// removed, renamed or changed in meaning raises it. Optional keys are omitted, never `null`.
///
/// A report:
/// ```
/// { "schemaVersion": 1, "type": "report",
///   "kind": "diff" | "sync" | "promotion" | "operation",
///   "title": String, "hasChanges": Bool,
///   "environments": [Environment] }
/// ```
/// Environment:
/// ```
/// { "environment": String, "revision": String (full commit id), "previousRevision"?: String,
///   "commit"?: { "id": String, "author"?: String, "summary"?: String, "time"?: RFC 3339 UTC },
///   "context"?: { "type": "rollback", "from": String, "to"?: String, "reason": String, "sentence": String }
///             | { "type": "promotion", "fromEnvironment": String, "toEnvironment": String,
///                 "sourceRevision"?: String, "sentence": String },
///   "operation"?: "sync" | "rollback" | "auto-rollback" | "self-heal" | "prune" (absent for a diff),
///   "applied": Bool (false for a preview or dry run),
///   "health"?: "Healthy" | "Suspended" | "Progressing" | "Missing" | "Degraded" | "Unknown",
///   "hasChanges": Bool,
///   "summary": { "<action>": Int, … } (every action, zeros included),
///   "objects": [Object], "hooks": [Hook], "notes": [Note], "remarks": [String] }
/// ```
/// Hook (in the order they ran): `{ "phase": "PreSync" | "Sync" | "PostSync" | "SyncFail",
/// "object": "Job.batch web/smoke-test", "result": "Succeeded" | "Failed" | "TimedOut" | "NotRun",
/// "startedAt": RFC 3339 UTC, "seconds": Number, "message": String, "deleted": Bool }`
/// Object (most important first: create, configure, adopt, prune, drifted, conflict, failed, kept, unchanged):
/// ```
/// { "id": "Deployment.apps web/django", "group": String ("" for core), "version"?: String,
///   "kind": String, "namespace"?: String, "name": String,
///   "action": "create" | "configure" | "adopt" | "prune" | "drifted" | "conflict" | "failed" | "kept" | "unchanged",
///   "health"?: { "status": String, "message": String }, "message"?: String,
///   "changes": [{ "path": "spec.replicas", "kind": "added" | "changed" | "removed",
///                 "old"?: JSON, "new"?: JSON }],
///   "diff": ["- spec.replicas: 2", "+ spec.replicas: 3", …] }
/// ```
/// Secret values are always `"***"` or `"*** (changed)"`.
///
/// Note: `{ "rule": "secret-masked" | "mutable-image-tag" | "latest-image-tag" |
/// "missing-resource-requests" | "yaml-1.1-trap" | "namespace-not-pruned", "severity": "info" | "warning",
/// "object"?: String, "field"?: String, "location"?: "file:line", "message": String, "fix": String }`
///
/// A history (`mooring history --format json`):
/// ```
/// { "schemaVersion": 1, "type": "history", "environment": String,
///   "operations": [{ "id": Int, "revision": String, "previousRevision"?: String, "commit"?: {…},
///                    "time": RFC 3339 UTC, "operation": String, "result": "Succeeded" | "Failed",
///                    "health": String, "created": Int, "configured": Int, "pruned": Int,
///                    "message": String,
///                    "rollback"?: { "type": "rollback", "from": String, "to"?: String, "reason": String,
///                                   "fromOperation"?: Int, "toOperation"?: Int (ids of the operations
///                                   that applied those revisions), "sentence": String } }] (newest first),
///   "remarks": [String] }
/// ```
public struct JSONReportEncoder: Sendable {
    public static let schemaVersion: Int64 = 1

    public init() {}

    public func render(_ report: Report) -> String { encode(report).prettyPrinted() + "\n" }
    public func render(_ history: HistoryReport) -> String { encode(history).prettyPrinted() + "\n" }

    public func encode(_ report: Report) -> JSON {
        var object = JSONObject()
        object["schemaVersion"] = .int(JSONReportEncoder.schemaVersion)
        object["type"] = "report"
        object["kind"] = .string(report.kind.rawValue)
        object["title"] = .string(report.title)
        object["hasChanges"] = .bool(report.hasChanges)
        object["environments"] = .array(report.environments.map(encode))
        return .object(object)
    }

    public func encode(_ history: HistoryReport) -> JSON {
        var object = JSONObject()
        object["schemaVersion"] = .int(JSONReportEncoder.schemaVersion)
        object["type"] = "history"
        object["environment"] = .string(history.environment)
        object["operations"] = .array(history.entries.map(encode))
        object["remarks"] = .array(history.remarks.map(JSON.string))
        return .object(object)
    }

    private func encode(_ environment: EnvironmentReport) -> JSON {
        var object = JSONObject()
        object["environment"] = .string(environment.environment)
        object["revision"] = .string(environment.revision)
        if let previous = environment.previousRevision { object["previousRevision"] = .string(previous) }
        if let commit = environment.commit { object["commit"] = encode(commit) }
        if let context = environment.context { object["context"] = encode(context) }
        if let operation = environment.operation { object["operation"] = .string(operation.rawValue) }
        object["applied"] = .bool(environment.applied)
        if let health = environment.health { object["health"] = .string(health.rawValue) }
        object["hasChanges"] = .bool(environment.hasChanges)
        object["summary"] = .object(JSONObject(ObjectAction.allCases.map { ($0.rawValue, JSON.int(Int64(environment.count($0)))) }))
        object["objects"] = .array(environment.objects.map(encode))
        object["hooks"] = .array(environment.hooks.map(encode))
        object["notes"] = .array(environment.notes.map(encode))
        object["remarks"] = .array(environment.remarks.map(JSON.string))
        return .object(object)
    }

    private func encode(_ hook: HookResult) -> JSON {
        ["phase": .string(hook.phase.rawValue), "object": .string(hook.identity.description), "result": .string(hook.status.rawValue),
         "startedAt": .string(ReportWording.time(hook.startedAt)), "seconds": .double((hook.duration * 10).rounded() / 10),
         "message": .string(hook.message), "deleted": .bool(hook.deleted)]
    }

    private func encode(_ report: ObjectReport) -> JSON {
        let identity = report.identity
        var object = JSONObject()
        object["id"] = .string(report.name)
        object["group"] = .string(identity.group)
        if !identity.type.version.isEmpty { object["version"] = .string(identity.type.version) }
        object["kind"] = .string(identity.kind)
        if let namespace = identity.namespace { object["namespace"] = .string(namespace) }
        object["name"] = .string(identity.name)
        object["action"] = .string(report.action.rawValue)
        if let health = report.health { object["health"] = ["status": .string(health.status.rawValue), "message": .string(health.message)] }
        if let message = report.message { object["message"] = .string(message) }
        object["changes"] = .array(report.changes.map { change in
            var entry = JSONObject()
            entry["path"] = .string(change.path.description)
            entry["kind"] = .string(change.kind.rawValue)
            if let old = change.old { entry["old"] = old }
            if let new = change.new { entry["new"] = new }
            return .object(entry)
        })
        object["diff"] = .array(report.diff.map { .string($0.marked) })
        return .object(object)
    }

    private func encode(_ commit: CommitInfo) -> JSON {
        var object = JSONObject()
        object["id"] = .string(commit.id)
        if let author = commit.author { object["author"] = .string(author) }
        if let summary = commit.summary { object["summary"] = .string(summary) }
        if let time = commit.time { object["time"] = .string(ReportWording.time(time)) }
        return .object(object)
    }

    private func encode(_ context: ReportContext) -> JSON {
        var object = JSONObject()
        switch context {
        case .rollback(let from, let to, let reason):
            object["type"] = "rollback"
            object["from"] = .string(from)
            if let to { object["to"] = .string(to) }
            object["reason"] = .string(reason)
        case .promotion(let from, let to, let revision):
            object["type"] = "promotion"
            object["fromEnvironment"] = .string(from)
            object["toEnvironment"] = .string(to)
            if let revision { object["sourceRevision"] = .string(revision) }
        }
        object["sentence"] = .string(context.sentence)
        return .object(object)
    }

    private func encode(_ note: PolicyNote) -> JSON {
        var object = JSONObject()
        object["rule"] = .string(note.rule.rawValue)
        object["severity"] = .string(note.severity.rawValue)
        if let value = note.object { object["object"] = .string(value) }
        if let field = note.field { object["field"] = .string(field) }
        if let location = note.location { object["location"] = .string(location) }
        object["message"] = .string(note.message)
        object["fix"] = .string(note.fix)
        return .object(object)
    }

    private func encode(_ entry: HistoryEntry) -> JSON {
        var object = JSONObject()
        object["id"] = .int(Int64(entry.id))
        object["revision"] = .string(entry.revision)
        if let previous = entry.previousRevision { object["previousRevision"] = .string(previous) }
        if let commit = entry.commit { object["commit"] = encode(commit) }
        object["time"] = .string(ReportWording.time(entry.time))
        object["operation"] = .string(entry.operation.rawValue)
        object["result"] = .string(entry.result.rawValue)
        object["health"] = .string(entry.health.rawValue)
        object["created"] = .int(Int64(entry.created))
        object["configured"] = .int(Int64(entry.configured))
        object["pruned"] = .int(Int64(entry.pruned))
        object["message"] = .string(entry.message)
        if let rollback = entry.rollback {
            var link = encode(rollback)
            if let id = entry.rolledBackFromOperation { link["fromOperation"] = .int(Int64(id)) }
            if let id = entry.rolledBackToOperation { link["toOperation"] = .int(Int64(id)) }
            if let sentence = entry.rollbackSentence { link["sentence"] = .string(sentence) }
            object["rollback"] = link
        }
        return .object(object)
    }
}
