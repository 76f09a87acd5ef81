import Manifests

/// Pod columns: NAME READY STATUS RESTARTS AGE (+ IP, NODE … wide), where STATUS is the
/// waiting reason of a container (e.g. `ImagePullBackOff`) before the phase, as printPod does.
enum PodColumns {
    static let columns: [TableColumn] = [
        .name,
        .text("Ready") { pod in
            let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            let total = pod[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
            return "\(statuses.filter { $0["ready"]?.boolValue == true }.count)/\(total)"
        },
        .text("Status", status),
        .text("Restarts") { pod in
            String((pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reduce(Int64(0)) { $0 + ($1["restartCount"]?.intValue ?? 0) })
        },
        .age,
        .text("IP", priority: 1) { $0[path: ["status", "podIP"]]?.stringValue ?? "<none>" },
        .text("Node", priority: 1) { $0[path: ["spec", "nodeName"]]?.stringValue ?? "<none>" },
        .text("Nominated Node", priority: 1) { _ in "<none>" },
        .text("Readiness Gates", priority: 1) { _ in "<none>" },
    ]

    static func status(_ pod: JSON) -> String {
        if pod[path: ["metadata", "deletionTimestamp"]] != nil { return "Terminating" }
        var reason = pod[path: ["status", "reason"]]?.stringValue ?? pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        for container in pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [] {
            if let waiting = container[path: ["state", "waiting", "reason"]]?.stringValue, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = container[path: ["state", "terminated", "reason"]]?.stringValue, !terminated.isEmpty {
                reason = terminated
            }
        }
        return reason
    }
}
