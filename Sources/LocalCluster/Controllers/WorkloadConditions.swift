import Manifests

/// A workload's `status.conditions`, updated as controllers do: a condition's
/// `lastTransitionTime` changes only when its status does, `lastUpdateTime` when anything does.
struct WorkloadConditions {
    var items: [JSON]

    init(_ items: [JSON]) { self.items = items }

    func find(_ type: String) -> JSON? { items.first { $0["type"]?.stringValue == type } }

    /// `touch` refreshes `lastUpdateTime` even when nothing else changes (progress was made).
    mutating func set(_ type: String, status: String, reason: String, message: String, now: String, touch: Bool = false) {
        let index = items.firstIndex { $0["type"]?.stringValue == type }
        let old = index.map { items[$0] }
        if !touch && old?["status"]?.stringValue == status && old?["reason"]?.stringValue == reason
            && old?["message"]?.stringValue == message {
            return
        }
        let transition = old?["status"]?.stringValue == status ? (old?["lastTransitionTime"] ?? .string(now)) : .string(now)
        let condition: JSON = ["type": .string(type), "status": .string(status), "lastUpdateTime": .string(now),
                               "lastTransitionTime": transition, "reason": .string(reason), "message": .string(message)]
        if let index { items[index] = condition } else { items.append(condition) }
        // The API server lists Available before Progressing.
        items.sort { ($0["type"]?.stringValue == "Available" ? 0 : 1) < ($1["type"]?.stringValue == "Available" ? 0 : 1) }
    }
}
