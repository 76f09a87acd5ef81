import Foundation
import Manifests
import Reconciler

/// What has been told about one environment: the state last notified, so that events go out
/// when the state changes and not on every pass. Kept in the cluster beside the history
/// (`History.notificationsKey`), so it survives restarts and replicas share it.
///
/// Stored form (format 1):
/// ```
/// {"format":1,"record":12,"applied":{"revision":"1a2b…","result":"failed"},
///  "health":"Degraded","drift":"1a2b…","pruneBlocked":"1a2b…","conflicts":["ConfigMap web/settings"]}
/// ```
public struct NotificationMemory: Sendable, Equatable {
    /// How the last apply that was told about ended.
    public enum AppliedResult: String, Sendable {
        case succeeded, failed
        /// Applied, ended Degraded and was rolled back by mooring.
        case rolledBack = "rolled-back"
    }

    public struct Applied: Sendable, Equatable {
        public var revision: String
        public var result: AppliedResult
        public init(revision: String, result: AppliedResult) {
            self.revision = revision
            self.result = result
        }
    }

    /// The newest history record whose events were derived: an outcome seen twice tells nothing twice.
    public var record: Int?
    public var applied: Applied?
    /// The last Healthy or Degraded the environment was known to be (other states do not change it).
    public var health: HealthStatus?
    /// The revision drift was told for, while it lasts.
    public var drift: String?
    /// The revision a blocked prune was told for.
    public var pruneBlocked: String?
    /// The objects told to be in conflict, sorted.
    public var conflicts: [String]

    public init(record: Int? = nil, applied: Applied? = nil, health: HealthStatus? = nil, drift: String? = nil,
                pruneBlocked: String? = nil, conflicts: [String] = []) {
        self.record = record
        self.applied = applied
        self.health = health
        self.drift = drift
        self.pruneBlocked = pruneBlocked
        self.conflicts = conflicts
    }

    public var json: JSON {
        var object = JSONObject()
        object["format"] = 1
        if let record { object["record"] = .int(Int64(record)) }
        if let applied { object["applied"] = ["revision": .string(applied.revision), "result": .string(applied.result.rawValue)] }
        if let health { object["health"] = .string(health.rawValue) }
        if let drift { object["drift"] = .string(drift) }
        if let pruneBlocked { object["pruneBlocked"] = .string(pruneBlocked) }
        if !conflicts.isEmpty { object["conflicts"] = .array(conflicts.map(JSON.string)) }
        return .object(object)
    }

    /// Reads the stored form; what it cannot read it leaves empty (the worst case is one repeated message).
    public init(json: JSON?) {
        self.init()
        guard let json else { return }
        record = json["record"]?.intValue.map(Int.init)
        if let revision = json[path: ["applied", "revision"]]?.stringValue,
           let result = json[path: ["applied", "result"]]?.stringValue.flatMap(AppliedResult.init(rawValue:)) {
            applied = Applied(revision: revision, result: result)
        }
        health = json["health"]?.stringValue.flatMap(HealthStatus.init(rawValue:))
        drift = json["drift"]?.stringValue
        pruneBlocked = json["pruneBlocked"]?.stringValue
        conflicts = json["conflicts"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
