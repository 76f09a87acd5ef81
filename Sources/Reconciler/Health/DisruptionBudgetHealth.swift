import Manifests

/// PodDisruptionBudgets, by what the disruption controller reports: `status.observedGeneration`
/// once it has computed the budget, and condition `DisruptionAllowed`.
///
/// Follows Argo CD (`resource_customizations/policy/PodDisruptionBudget`): no status yet is
/// Progressing, and `DisruptionAllowed=False` for any reason but `InsufficientPods` (the
/// controller could not compute the budget: `SyncFailed`, e.g. pods whose controller has no
/// scale) is Degraded. kstatus calls every observed PDB Current. `InsufficientPods` is Healthy,
/// as both have it: a budget that blocks evictions right now is the budget doing its job (one
/// replica with `minAvailable: 1`), and during a rollout the workload's own health says whether
/// its pods come up.
enum DisruptionBudgetHealth {
    static func assess(_ budget: JSON) -> HealthAssessment {
        guard budget["status"]?.objectValue?.isEmpty == false else {
            return HealthAssessment(.progressing, "waiting for the disruption controller")
        }
        if let stale = StatusFields.generationNotObserved(budget, kind: "PodDisruptionBudget", required: true) { return stale }
        let current = StatusFields.int(budget, ["status", "currentHealthy"], default: 0)
        let desired = StatusFields.int(budget, ["status", "desiredHealthy"], default: 0)
        let allowed = StatusFields.int(budget, ["status", "disruptionsAllowed"], default: 0)
        let counts = "\(current) healthy, \(desired) required, \(allowed) disruptions allowed"
        guard let condition = StatusFields.condition(budget, "DisruptionAllowed") else {
            return HealthAssessment(.healthy, counts)
        }
        switch (condition["status"]?.stringValue, condition["reason"]?.stringValue) {
        case ("False", "InsufficientPods"?):
            return HealthAssessment(.healthy, "InsufficientPods: \(counts)")
        case ("False", _):
            return HealthAssessment(.degraded, StatusFields.summary(condition, otherwise: "disruptions cannot be computed"))
        default:
            return HealthAssessment(.healthy, counts)
        }
    }
}
