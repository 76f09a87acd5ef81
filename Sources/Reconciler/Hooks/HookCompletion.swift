import Manifests

/// Whether a hook object has finished, from its live state. Pure.
///
/// Jobs finish with the `Complete` or `Failed` condition (the reason says why:
/// `BackoffLimitExceeded`, `DeadlineExceeded`); Pods with phase `Succeeded` or `Failed` (the
/// last container's termination message or reason says why), or when a container cannot start
/// (`ImagePullBackOff`: Degraded for a Pod); any other kind when it is Healthy, or fails when it
/// is Degraded — Argo CD's rule for hooks that are neither (the health of the resource).
public enum HookCompletion: Sendable, Equatable {
    case running(String)
    case succeeded(String)
    case failed(String)

    public static func of(_ live: JSON, checks: HealthChecks = .builtIn) -> HookCompletion {
        let kind = live["kind"]?.stringValue
        let group = (live["apiVersion"]?.stringValue ?? "").split(separator: "/").dropLast().first.map(String.init) ?? ""
        if kind == "Job", group == "batch" {
            for condition in live[path: ["status", "conditions"]]?.arrayValue ?? [] where condition["status"]?.stringValue == "True" {
                let type = condition["type"]?.stringValue
                let detail = [condition["reason"]?.stringValue, condition["message"]?.stringValue].compactMap { $0 }.filter { !$0.isEmpty }
                if type == "Failed" { return .failed(detail.isEmpty ? "Job failed" : detail.joined(separator: ": ")) }
                if type == "Complete" {
                    let succeeded = live[path: ["status", "succeeded"]]?.intValue ?? 0
                    return .succeeded("Job completed (\(succeeded) succeeded)")
                }
            }
            return .running("Job is running")
        }
        if kind == "Pod", group == "" {
            switch live[path: ["status", "phase"]]?.stringValue {
            case "Succeeded": return .succeeded("Pod succeeded")
            case "Failed": return .failed(terminationMessage(of: live) ?? "Pod failed")
            default: break
            }
        }
        let health = HealthAssessor.assess(live, checks: checks)
        switch health.status {
        case .healthy: return .succeeded(health.message)
        case .degraded: return .failed(health.message.isEmpty ? "Degraded" : health.message)
        default: return .running(health.description)
        }
    }

    /// The last container termination's message, else its reason and exit code.
    static func terminationMessage(of pod: JSON) -> String? {
        let statuses = (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [])
        for status in statuses.reversed() {
            guard let terminated = status[path: ["state", "terminated"]] ?? status[path: ["lastState", "terminated"]] else { continue }
            let container = status["name"]?.stringValue ?? "container"
            if let message = terminated["message"]?.stringValue, !message.isEmpty { return "\(container): \(message)" }
            let reason = terminated["reason"]?.stringValue ?? "terminated"
            let code = terminated["exitCode"]?.intValue.map { " (exit code \($0))" } ?? ""
            return "\(container): \(reason)\(code)"
        }
        return pod[path: ["status", "message"]]?.stringValue
    }
}
