import Foundation
import Manifests

/// An environment's operations, oldest first, as stored in the ConfigMap
/// `mooring-history-<env>` in namespace `mooring-system` of the target cluster — the cluster, not
/// the reconciler's disk, is the truth, so a restarted or second reconciler knows what was deployed.
///
/// ConfigMap layout (format 1): one `data` key per record, `record-<id padded to 10 digits>`, whose
/// value is the record's JSON (see `HistoryRecord.json`); the last `limit` records are kept.
/// Labelled `app.kubernetes.io/managed-by: mooring` and `mooring.dev/history-of: <env>` — not with
/// the environment's tracking label, so the history is never a prune candidate.
public struct History: Sendable, Equatable {
    public static let namespace = "mooring-system"
    public static let limit = 20
    public static let historyOfLabel = "mooring.dev/history-of"
    public static let formatAnnotation = "mooring.dev/history-format"
    static let keyPrefix = "record-"

    public var environment: String
    /// Oldest first.
    public private(set) var records: [HistoryRecord]
    /// Data keys that could not be read, with why; kept out of `records` so one bad entry does
    /// not blind the reconciler.
    public private(set) var unreadable: [String: String] = [:]
    /// What Notify last told about the environment (see `History+Notifications`); not part of
    /// `configMap`, which the reconciler applies.
    public var notificationMemory: JSON?

    public init(environment: String, records: [HistoryRecord] = []) {
        self.environment = environment
        self.records = records.sorted { $0.id < $1.id }
    }

    public static func configMapName(environment: String) -> String { "mooring-history-\(environment)" }

    public var latest: HistoryRecord? { records.last }

    /// Adds a record with the next id and the previous revision filled in; keeps the last `limit`.
    @discardableResult
    public mutating func append(_ record: HistoryRecord) -> HistoryRecord {
        var record = record
        record.id = (records.last?.id ?? 0) + 1
        if record.previousRevision == nil { record.previousRevision = records.last?.revision }
        records.append(record)
        if records.count > History.limit { records.removeFirst(records.count - History.limit) }
        return record
    }

    /// This history without its newest record (not saved): what an operation that takes the
    /// place of an interrupted `Running` record appends to.
    public func removingLatest() -> History {
        var copy = self
        if !copy.records.isEmpty { copy.records.removeLast() }
        return copy
    }

    /// Puts `record` in the place of the record with its id (a `Running` record completed),
    /// keeping that record's previous revision.
    @discardableResult
    public mutating func replace(_ record: HistoryRecord) -> HistoryRecord {
        guard let index = records.firstIndex(where: { $0.id == record.id }) else { return append(record) }
        var record = record
        record.previousRevision = records[index].previousRevision
        records[index] = record
        return record
    }

    /// The revision auto-rollback returns to: the newest one that ended Succeeded and Healthy,
    /// other than `excluded` and never itself rolled back from.
    public func lastHealthyRevision(excluding excluded: String? = nil) -> String? {
        records.reversed().first { record in
            record.result == .succeeded && record.health == .healthy && record.revision != excluded
                && !isRolledBack(record.revision)
        }?.revision
    }

    /// Whether mooring rolled this revision back after it failed: it is not applied again.
    public func isRolledBack(_ revision: String) -> Bool {
        records.contains { $0.operation == .autoRollback && $0.rolledBackFrom == revision }
    }

    // MARK: - ConfigMap form

    /// The ConfigMap to server-side apply.
    public var configMap: JSON {
        var data = JSONObject()
        for record in records { data[History.key(for: record.id)] = .string(record.json.serialized()) }
        var configMap = History.configMapIdentity(environment: environment)
        configMap[path: ["metadata", "annotations"]] = .object([History.formatAnnotation: "1"])
        configMap["data"] = .object(data)
        return configMap
    }

    /// The type of the history's ConfigMaps (whose store the live cache must hold for a pass to
    /// know the history unchanged).
    static let configMapType = GroupVersionKind(group: "", version: "v1", kind: "ConfigMap")

    /// The history ConfigMap's kind, name, namespace and labels: what every apply of it carries.
    static func configMapIdentity(environment: String) -> JSON {
        var labels = JSONObject()
        labels[Tracking.managedByLabel] = .string(Tracking.managedByValue)
        labels[History.historyOfLabel] = .string(environment)
        var configMap: JSON = ["apiVersion": "v1", "kind": "ConfigMap"]
        configMap["metadata"] = [
            "name": .string(History.configMapName(environment: environment)),
            "namespace": .string(History.namespace),
            "labels": .object(labels),
        ]
        return configMap
    }

    /// Reads a history ConfigMap (as the API server returns it).
    public init(configMap: JSON) throws {
        guard configMap["kind"]?.stringValue == "ConfigMap",
              let name = configMap[path: ["metadata", "name"]]?.stringValue, name.hasPrefix("mooring-history-")
        else { throw HistoryError.notAHistory("expected ConfigMap mooring-history-<env>") }
        self.init(environment: String(name.dropFirst("mooring-history-".count)))
        var read: [HistoryRecord] = []
        for (key, value) in configMap["data"]?.objectValue ?? JSONObject() where key.hasPrefix(History.keyPrefix) {
            do {
                guard let text = value.stringValue else { throw HistoryError.badRecord("not a string") }
                read.append(try HistoryRecord(json: try JSON(parsing: text)))
            } catch {
                unreadable[key] = "\(error)"
            }
        }
        records = read.sorted { $0.id < $1.id }
        notificationMemory = History.notificationMemory(in: configMap)
    }

    static func key(for id: Int) -> String {
        let digits = String(id)
        return keyPrefix + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }
}
