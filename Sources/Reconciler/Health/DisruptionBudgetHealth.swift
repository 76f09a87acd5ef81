import Manifests

/// PodDisruptionBudgets, by what the disruption controller reports: `status.observedGeneration`
/// once it has computed the budget, the pod counts, and condition `DisruptionAllowed`.
///
/// Follows Argo CD (`resource_customizations/policy/PodDisruptionBudget`): no status yet is
/// Progressing, and `DisruptionAllowed=False` for any reason but `InsufficientPods` (the
/// controller could not compute the budget: `SyncFailed`, e.g. pods whose controller has no
/// scale) is Degraded. kstatus calls every observed PDB Current.
///
/// `InsufficientPods` is Healthy, as both have it (a budget that blocks evictions right now is the
/// budget doing its job, one replica with `minAvailable: 1`; during a rollout the workload's own
/// health says whether its pods come up) — except, beyond both, a budget that can never be met:
/// every pod it expects is healthy and it still requires more (`minAvailable: 3` over two
/// replicas), which blocks every drain for good.
enum DisruptionBudgetHealth {
    static func assess(_ budget: JSON) -> HealthAssessment {
        guard budget["status"]?.objectValue?.isEmpty == false else {
            return HealthAssessment(.progressing, "waiting for the disruption controller")
        }
        if let stale = StatusFields.generationNotObserved(budget, kind: "PodDisruptionBudget", required: true) { return stale }
        let current = StatusFields.int(budget, ["status", "currentHealthy"], default: 0)
        let desired = StatusFields.int(budget, ["status", "desiredHealthy"], default: 0)
        let expected = StatusFields.int(budget, ["status", "expectedPods"], default: 0)
        let allowed = StatusFields.int(budget, ["status", "disruptionsAllowed"], default: 0)
        let counts = "\(current) healthy, \(desired) required, \(allowed) disruptions allowed"
        // Real objects carry one condition of the type; read every one in case of more.
        let conditions = StatusFields.conditions(budget).filter { $0["type"]?.stringValue == "DisruptionAllowed" }
        if let failed = conditions.first(where: { $0["status"]?.stringValue == "False" && $0["reason"]?.stringValue != "InsufficientPods" }) {
            return HealthAssessment(.degraded, StatusFields.summary(failed, otherwise: "disruptions cannot be computed"))
        }
        if expected > 0, current >= expected, desired > expected {
            return HealthAssessment(.degraded, "can never be satisfied: \(desired) healthy pods required, \(expected) expected")
        }
        if conditions.contains(where: { $0["status"]?.stringValue == "False" }) {
            return HealthAssessment(.healthy, "InsufficientPods: \(counts)")
        }
        return HealthAssessment(.healthy, counts)
    }
}
