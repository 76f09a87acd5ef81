import Manifests

/// Faults the cluster injects into matching requests, for reliability tests of its clients.
///
/// JSON format (what `GET/PUT /mooring-admin/faults` and `--faults FILE` use):
/// ```json
/// {"rules": [{
///   "verbs": ["get", "list", "watch", "create", "update", "patch", "delete"],  // optional; none = all
///   "pathPrefix": "/api/v1/namespaces/default/configmaps",                    // optional; none = all
///   "rate": 0.5,                  // optional probability per matching request (default 1)
///   "count": 3,                   // optional: only the next N matching requests, then inactive
///   "status": 503,                // optional: answer 500 / 503 / 429 … with a Status body
///   "retryAfterSeconds": 1,       // optional: Retry-After header on that answer
///   "latencyMilliseconds": 200,   // optional: delay before answering
///   "dropConnection": true,       // optional: send part of the answer, then close the connection
///   "cutWatchAfterEvents": 2      // optional: watches end abruptly after N events
/// }]}
/// ```
/// Admin requests (`/mooring-admin/…`) are never faulted. `GET` returns the rules with the
/// remaining `count`s.
public struct FaultRules: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var verbs: [String] = []
        public var pathPrefix: String? = nil
        public var rate: Double = 1
        public var count: Int? = nil
        public var status: Int? = nil
        public var retryAfterSeconds: Int? = nil
        public var latencyMilliseconds: Int? = nil
        public var dropConnection: Bool = false
        public var cutWatchAfterEvents: Int? = nil

        public init() {}
    }

    public var rules: [Rule] = []

    public init(rules: [Rule] = []) { self.rules = rules }

    /// Reads the JSON format above; throws a message naming the bad member.
    public init(json: JSON) throws {
        guard let list = json["rules"]?.arrayValue else { throw FaultRulesError("expected an object with a \"rules\" array") }
        for (index, entry) in list.enumerated() {
            guard let object = entry.objectValue else { throw FaultRulesError("rules[\(index)] is not an object") }
            var rule = Rule()
            for (key, value) in object {
                switch key {
                case "verbs": rule.verbs = value.arrayValue?.compactMap(\.stringValue) ?? []
                case "pathPrefix": rule.pathPrefix = value.stringValue
                case "rate": rule.rate = value.doubleValue ?? 1
                case "count": rule.count = value.intValue.map(Int.init)
                case "status": rule.status = value.intValue.map(Int.init)
                case "retryAfterSeconds": rule.retryAfterSeconds = value.intValue.map(Int.init)
                case "latencyMilliseconds": rule.latencyMilliseconds = value.intValue.map(Int.init)
                case "dropConnection": rule.dropConnection = value.boolValue ?? false
                case "cutWatchAfterEvents": rule.cutWatchAfterEvents = value.intValue.map(Int.init)
                default: throw FaultRulesError("rules[\(index)]: unknown field \"\(key)\"")
                }
            }
            rules.append(rule)
        }
    }

    public var json: JSON {
        .object(["rules": .array(rules.map { rule in
            var object: JSONObject = [:]
            if !rule.verbs.isEmpty { object["verbs"] = .array(rule.verbs.map(JSON.string)) }
            if let prefix = rule.pathPrefix { object["pathPrefix"] = .string(prefix) }
            object["rate"] = .double(rule.rate)
            if let count = rule.count { object["count"] = .int(Int64(count)) }
            if let status = rule.status { object["status"] = .int(Int64(status)) }
            if let seconds = rule.retryAfterSeconds { object["retryAfterSeconds"] = .int(Int64(seconds)) }
            if let latency = rule.latencyMilliseconds { object["latencyMilliseconds"] = .int(Int64(latency)) }
            if rule.dropConnection { object["dropConnection"] = true }
            if let cut = rule.cutWatchAfterEvents { object["cutWatchAfterEvents"] = .int(Int64(cut)) }
            return .object(object)
        })])
    }
}

public struct FaultRulesError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
