import Manifests

/// Any other kind, custom resources included, by the conventions kstatus reads: an unobserved
/// generation or `Reconciling=True` is Progressing, `Stalled=True` is Degraded, and `Ready`
/// (Flux's and most operators' convention) is Healthy when True and Progressing otherwise.
/// Kinds without status rules (ConfigMaps, RBAC, …) are Healthy.
enum ConditionHealth {
    static func assess(_ object: JSON, kind: String) -> HealthAssessment {
        if let stale = StatusFields.generationNotObserved(object, kind: kind) { return stale }
        if let stalled = StatusFields.condition(object, "Stalled"), stalled["status"]?.stringValue == "True" {
            return HealthAssessment(.degraded, message(stalled, otherwise: "\(kind) is stalled"))
        }
        if let reconciling = StatusFields.condition(object, "Reconciling"), reconciling["status"]?.stringValue == "True" {
            return HealthAssessment(.progressing, message(reconciling, otherwise: "\(kind) is reconciling"))
        }
        if let ready = StatusFields.condition(object, "Ready") {
            if ready["status"]?.stringValue == "True" { return HealthAssessment(.healthy, message(ready, otherwise: "")) }
            return HealthAssessment(.progressing, message(ready, otherwise: "\(kind) is not ready"))
        }
        return HealthAssessment(.healthy, "")
    }

    private static func message(_ condition: JSON, otherwise fallback: String) -> String {
        let reason = condition["reason"]?.stringValue ?? ""
        let text = condition["message"]?.stringValue ?? ""
        switch (reason.isEmpty, text.isEmpty) {
        case (true, true): return fallback
        case (false, true): return reason
        case (true, false): return text
        case (false, false): return "\(reason): \(text)"
        }
    }
}
