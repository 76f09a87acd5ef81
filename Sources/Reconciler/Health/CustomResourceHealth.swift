import Foundation
import Manifests

/// Custom resources: operators follow no single convention, so this reads the ones real
/// controllers write and lets the worst signal win.
///
/// 1. kstatus first (cli-utils `checkGenericProperties`): an unobserved generation (a number, or a
///    decimal string as Argo Rollouts writes it) or `Reconciling=True` is Progressing,
///    `Stalled=True` is Degraded, and nothing else is looked at.
/// 2. No status at all, or an empty one: the object was just applied and its controller has not
///    written one yet, so Progressing, for `statusGrace` after `creationTimestamp`. After that,
///    Healthy: many custom resources are pure configuration no controller writes a status for
///    (ServiceMonitors, Istio routes), and kstatus calls those Current.
/// 3. Otherwise every condition `ConditionVocabulary` knows and every `phase`, `state` or `health`
///    word `PhaseVocabulary` knows gives a verdict, and the worst one wins: `Ready=False` with a
///    reason that says the controller gave up (`SecretSyncedError`, `ConfigError`, …) is Degraded
///    at once, with any other reason Progressing.
/// 4. A status with none of these signals is Healthy (kstatus: Current).
///
/// Argo CD has no generic rule: a custom resource without a Lua check of its own has no health.
enum CustomResourceHealth {
    /// How long a custom resource without a status waits for its controller.
    static let statusGrace: TimeInterval = 30

    static func assess(_ object: JSON, kind: String, now: Date) -> HealthAssessment {
        if let stale = StatusFields.generationNotObserved(object, kind: kind) { return stale }
        guard let status = object["status"]?.objectValue, !status.isEmpty else {
            return withoutStatus(object, now: now)
        }
        if let stalled = StatusFields.condition(object, "Stalled"), stalled["status"]?.stringValue == "True" {
            return HealthAssessment(.degraded, StatusFields.summary(stalled, otherwise: "\(kind) is stalled"))
        }
        if let reconciling = StatusFields.condition(object, "Reconciling"), reconciling["status"]?.stringValue == "True" {
            return HealthAssessment(.progressing, StatusFields.summary(reconciling, otherwise: "\(kind) is reconciling"))
        }
        let generation = StatusFields.generation(object[path: ["metadata", "generation"]])
        let verdicts = StatusFields.conditions(object).compactMap { ConditionVocabulary.verdict(of: $0, generation: generation) }
            + PhaseVocabulary.verdicts(of: status)
        return verdicts.max { $0.status < $1.status } ?? HealthAssessment(.healthy, "")
    }

    private static func withoutStatus(_ object: JSON, now: Date) -> HealthAssessment {
        if let created = StatusFields.creationTime(object), now.timeIntervalSince(created) > statusGrace {
            return HealthAssessment(.healthy, "no status reported")
        }
        return HealthAssessment(.progressing, "waiting for the controller to report a status")
    }
}
