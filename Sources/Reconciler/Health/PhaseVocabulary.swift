import Manifests

/// What the one-word states custom resources report mean: `status.phase` (Argo Rollouts and
/// Workflows, Velero, OLM, Cluster API, CloudNativePG), `status.state` (Strimzi, many operators),
/// `status.health` (ECK's green/yellow/red). Words compare without case, spaces, `-` or `_`;
/// unknown words say nothing, and free text ("Cluster in healthy state") is not parsed.
enum PhaseVocabulary {
    static let fields = ["phase", "state", "health"]

    static let words: [HealthStatus: Set<String>] = [
        .healthy: [
            "healthy", "running", "active", "ready", "available", "succeeded", "success", "successful", "completed",
            "complete", "done", "finished", "bound", "deployed", "established", "provisioned", "installed", "synced",
            "reconciled", "current", "uptodate", "online", "green",
        ],
        .progressing: [
            "progressing", "pending", "new", "creating", "provisioning", "initializing", "init", "inprogress", "installing",
            "updating", "upgrading", "deploying", "rollingout", "scaling", "starting", "restarting", "waiting", "queued",
            "processing", "applyingchanges", "reconciling", "syncing", "building", "migrating", "notready",
            "terminating", "deleting", "yellow",
        ],
        .degraded: [
            "degraded", "failed", "failure", "error", "errored", "invalid", "unhealthy", "lost", "aborted", "broken",
            "timedout", "rejected", "denied", "crashloopbackoff", "red",
        ],
        .suspended: ["suspended", "paused", "stopped", "hibernating", "hibernated"],
        .missing: ["missing"],
    ]

    /// The verdicts of the state fields `status` has, with `status.message` (or `reason`) as detail.
    static func verdicts(of status: JSONObject) -> [HealthAssessment] {
        let detail = (status["message"]?.stringValue ?? status["reason"]?.stringValue).map { ": \($0)" } ?? ""
        return fields.compactMap { field in
            guard let word = status[field]?.stringValue, let health = meaning(of: word) else { return nil }
            return HealthAssessment(health, "\(field) \(word)\(health == .healthy ? "" : detail)")
        }
    }

    static func meaning(of word: String) -> HealthStatus? {
        let normalized = String(word.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
        if let (status, _) = words.first(where: { $0.value.contains(normalized) }) { return status }
        if normalized.contains("fail") || normalized.contains("error") { return .degraded }  // PartiallyFailed, FailedValidation
        return nil
    }
}
