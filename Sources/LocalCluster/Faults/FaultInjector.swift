import Synchronization

/// The live fault rules and the decision, per request, of which faults apply.
final class FaultInjector: Sendable {
    /// What happens to one request.
    struct Decision: Sendable {
        var latencyMilliseconds = 0
        var status: Int? = nil
        var retryAfterSeconds: Int? = nil
        var dropConnection = false
        var cutWatchAfterEvents: Int? = nil

        var isEmpty: Bool {
            latencyMilliseconds == 0 && status == nil && !dropConnection && cutWatchAfterEvents == nil
        }
    }

    private let state: Mutex<FaultRules>

    init(rules: FaultRules) { state = Mutex(rules) }

    var rules: FaultRules {
        get { state.withLock { $0 } }
    }

    func replace(with rules: FaultRules) { state.withLock { $0 = rules } }

    /// Matches the request against every rule, consuming `count`s of the rules that fire.
    func decide(verb: String, path: String) -> Decision {
        state.withLock { rules in
            var decision = Decision()
            for index in rules.rules.indices {
                let rule = rules.rules[index]
                if !rule.verbs.isEmpty && !rule.verbs.contains(verb) { continue }
                if let prefix = rule.pathPrefix, !path.hasPrefix(prefix) { continue }
                if let count = rule.count {
                    if count <= 0 { continue }
                    rules.rules[index].count = count - 1
                } else if rule.rate < 1 && Double.random(in: 0..<1) >= rule.rate {
                    continue
                }
                decision.latencyMilliseconds += rule.latencyMilliseconds ?? 0
                if decision.status == nil, let status = rule.status {
                    decision.status = status
                    decision.retryAfterSeconds = rule.retryAfterSeconds
                }
                decision.dropConnection = decision.dropConnection || rule.dropConnection
                if let cut = rule.cutWatchAfterEvents { decision.cutWatchAfterEvents = cut }
            }
            return decision
        }
    }
}
