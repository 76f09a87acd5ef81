import Manifests

/// What the conditions of custom resources mean, by type and reason, for `CustomResourceHealth`.
enum ConditionVocabulary {
    /// Conditions whose `True` means the object works: `Ready` (Flux, cert-manager, External
    /// Secrets, Crossplane, Knative, KEDA, most operators), `Available` and `Reconciled`
    /// (Prometheus operator, Argo Rollouts), `Healthy` (Argo Rollouts), `Succeeded` (Tekton),
    /// `Accepted`, `Programmed` and `ResolvedRefs` (Gateway API), `Synced` (Crossplane, Sealed
    /// Secrets), `Established`, `Complete(d)`, `Bound`, `Installed`.
    static let positive: Set<String> = [
        "Ready", "Available", "Healthy", "Succeeded", "Accepted", "Programmed", "ResolvedRefs", "Synced",
        "Reconciled", "Established", "Complete", "Completed", "Bound", "Installed",
    ]
    /// Conditions whose `True` means something is wrong (besides kstatus's `Stalled`): `Degraded`
    /// (OpenShift operators), `InvalidSpec` and `ReplicaFailure` (Argo Rollouts, ReplicaSets),
    /// `Denied` (cert-manager requests), and any type ending in `Failed`, `Failure` or `Error`.
    static let negative: Set<String> = ["Degraded", "InvalidSpec", "ReplicaFailure", "Denied", "Failed", "Failure", "Error"]
    /// Conditions whose `True` means paused on purpose.
    static let suspended: Set<String> = ["Paused", "Suspended"]
    /// Words in a reason that say the controller gave up, or that the spec is wrong, rather than
    /// that it is still working (`SecretSyncedError`, `ConfigError`, `ReconciliationFailed`,
    /// `InvalidProviderConfig`, `NotAllowedByListeners`, `RolloutAborted`, …).
    static let terminalWords = [
        "error", "fail", "invalid", "notvalid", "denied", "rejected", "forbidden", "unauthorized", "notallowed",
        "unsupported", "conflict", "exceeded", "backoff", "abort",
    ]

    /// The verdict of one condition, or `nil` when its type says nothing about health.
    static func verdict(of condition: JSON, generation: Int64?) -> HealthAssessment? {
        guard let type = condition["type"]?.stringValue else { return nil }
        let status = condition["status"]?.stringValue ?? "Unknown"
        let reason = condition["reason"]?.stringValue ?? ""
        if positive.contains(type) {
            // A condition of an older spec (metav1.Condition carries its own observedGeneration).
            if let generation, let observed = StatusFields.generation(condition["observedGeneration"]), observed < generation {
                return HealthAssessment(.progressing, "waiting for the controller to observe generation \(generation) (\(type) is of \(observed))")
            }
            if status == "True" { return HealthAssessment(.healthy, StatusFields.summary(condition, otherwise: "")) }
            // The Prometheus operator writes status "Degraded" when only some replicas are up.
            let failed = status == "Degraded" || (status == "False" && isTerminal(reason))
            return HealthAssessment(failed ? .degraded : .progressing, StatusFields.summary(condition, otherwise: "\(type) is \(status)"))
        }
        if type == "Progressing", status == "False", isTerminal(reason) {  // ProgressDeadlineExceeded, RolloutAborted
            return HealthAssessment(.degraded, StatusFields.summary(condition, otherwise: "no progress"))
        }
        guard status == "True" else { return nil }
        if negative.contains(type) || ["Failed", "Failure", "Error"].contains(where: type.hasSuffix) {
            return HealthAssessment(.degraded, StatusFields.summary(condition, otherwise: type))
        }
        if suspended.contains(type) { return HealthAssessment(.suspended, StatusFields.summary(condition, otherwise: type)) }
        return nil
    }

    static func isTerminal(_ reason: String) -> Bool {
        let word = reason.lowercased()
        return terminalWords.contains { word.contains($0) }
    }
}
