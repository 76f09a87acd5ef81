import Manifests

/// Built-in kinds without a rule of their own (ConfigMaps, RBAC, Leases, …), by kstatus's generic
/// rules: an unobserved generation or `Reconciling=True` is Progressing, `Stalled=True` is
/// Degraded, anything else Healthy.
enum ConditionHealth {
    static func assess(_ object: JSON, kind: String) -> HealthAssessment {
        if let stale = StatusFields.generationNotObserved(object, kind: kind) { return stale }
        if let stalled = StatusFields.condition(object, "Stalled"), stalled["status"]?.stringValue == "True" {
            return HealthAssessment(.degraded, StatusFields.summary(stalled, otherwise: "\(kind) is stalled"))
        }
        if let reconciling = StatusFields.condition(object, "Reconciling"), reconciling["status"]?.stringValue == "True" {
            return HealthAssessment(.progressing, StatusFields.summary(reconciling, otherwise: "\(kind) is reconciling"))
        }
        return HealthAssessment(.healthy, "")
    }
}
