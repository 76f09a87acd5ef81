import Manifests

/// Pods: by phase, readiness and container states. A container stuck waiting on an error
/// (`CrashLoopBackOff`, `ImagePullBackOff`, `ErrImagePull`, `CreateContainerConfigError`, …) is
/// Degraded at once for long-running pods, as Argo CD does, rather than waiting for a timeout.
///
/// Pods that run to completion (`restartPolicy` Never or OnFailure): Argo CD leaves them to finish
/// (its sync hooks are such pods), so one whose image cannot be pulled waits out the timeout. An
/// image that cannot be pulled never runs, whatever the restart policy, so here those pods are
/// Degraded at once too; other waiting errors still let them finish. kstatus only fails
/// `CrashLoopBackOff`.
enum PodHealth {
    /// Waiting reasons of a container whose image cannot be pulled (kubelet `images` package).
    static let imagePullFailures: Set<String> = [
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable",
        "SignatureValidationFailed",
    ]

    static func assess(_ pod: JSON) -> HealthAssessment {
        let restartPolicy = StatusFields.string(pod, ["spec", "restartPolicy"]) ?? "Always"
        let statuses = (pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? [])
            + (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [])
        let failing = statuses.compactMap { waitingOnError($0, imagePullOnly: restartPolicy != "Always") }
        if !failing.isEmpty { return HealthAssessment(.degraded, failing.joined(separator: "; ")) }
        let message = StatusFields.string(pod, ["status", "message"]) ?? ""
        switch StatusFields.string(pod, ["status", "phase"]) {
        case "Pending", nil:
            return HealthAssessment(.progressing, message.isEmpty ? "pod is pending" : message)
        case "Succeeded":
            return HealthAssessment(.healthy, "pod completed successfully")
        case "Failed":
            if !message.isEmpty { return HealthAssessment(.degraded, message) }
            let reason = statuses.lazy.compactMap(terminationFailure).first
            return HealthAssessment(.degraded, reason ?? "pod failed")
        case "Running":
            guard restartPolicy == "Always" else {
                return HealthAssessment(.progressing, "pod is running to completion")
            }
            if StatusFields.condition(pod, "Ready")?["status"]?.stringValue == "True" {
                return HealthAssessment(.healthy, "pod is ready")
            }
            if let restarted = statuses.first(where: { $0[path: ["lastState", "terminated"]] != nil }) {
                let name = restarted["name"]?.stringValue ?? "?"
                return HealthAssessment(.degraded, "container \(name) terminated and the pod is not ready")
            }
            return HealthAssessment(.progressing, "pod is running but not ready")
        case let phase?:
            return HealthAssessment(.unknown, "pod phase \(phase)")
        }
    }

    /// `container web: ImagePullBackOff: Back-off pulling image "…"` for a container waiting on an error.
    private static func waitingOnError(_ status: JSON, imagePullOnly: Bool) -> String? {
        guard let waiting = status[path: ["state", "waiting"]], let reason = waiting["reason"]?.stringValue else { return nil }
        let isError = imagePullOnly ? imagePullFailures.contains(reason)
            : reason.hasPrefix("Err") || reason.hasSuffix("Error") || reason.hasSuffix("BackOff")
        guard isError else { return nil }
        let name = status["name"]?.stringValue ?? "?"
        let message = waiting["message"]?.stringValue.map { ": \($0)" } ?? ""
        return "container \(name): \(reason)\(message)"
    }

    private static func terminationFailure(_ status: JSON) -> String? {
        guard let terminated = status[path: ["state", "terminated"]] else { return nil }
        let name = status["name"]?.stringValue ?? "?"
        if let message = terminated["message"]?.stringValue, !message.isEmpty { return message }
        if terminated["reason"]?.stringValue == "OOMKilled" { return "container \(name) was OOMKilled" }
        if let code = terminated["exitCode"]?.intValue, code != 0 { return "container \(name) failed with exit code \(code)" }
        return nil
    }
}
