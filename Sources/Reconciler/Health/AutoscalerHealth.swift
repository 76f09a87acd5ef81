import Foundation
import Manifests

/// HorizontalPodAutoscalers, by the three conditions their controller writes: `AbleToScale` (it
/// can read and write the target's scale), `ScalingActive` (it can compute a replica count from
/// the metrics), `ScalingLimited` (the count is clamped to min/max). autoscaling/v2 keeps them in
/// `status.conditions`; an autoscaling/v1 read carries the same list as JSON in annotation
/// `autoscaling.alpha.kubernetes.io/conditions`.
///
/// Follows Argo CD (gitops-engine `health_hpa.go`): kstatus has no HPA rule, so it calls every
/// HPA Current, even one whose target does not exist. Where this differs from Argo CD:
/// - a metric that cannot be read (`FailedGet…Metric`) is Progressing for `metricsGrace` after
///   the condition turned, Degraded after: metrics-server has nothing for a new pod's first
///   minute, and Degraded at once would roll a good release back;
/// - `ScalingActive=False` with `ScalingDisabled` (the target scaled to zero) is Suspended.
enum AutoscalerHealth {
    /// How long metrics may be unreadable before it counts as a failure.
    static let metricsGrace: TimeInterval = 180

    static let conditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions"
    /// `AbleToScale=False` reasons that mean the target or its scale is unusable.
    static let targetFailures: Set<String> = ["FailedGetScale", "FailedUpdateScale"]
    /// `ScalingActive=False` reasons that are a mistake in the HPA itself.
    static let specFailures: Set<String> = ["InvalidSelector", "InvalidMetricSourceType"]

    static func assess(_ autoscaler: JSON, now: Date) -> HealthAssessment {
        if let stale = StatusFields.generationNotObserved(autoscaler, kind: "HorizontalPodAutoscaler") { return stale }
        let conditions = self.conditions(autoscaler)
        func condition(_ type: String) -> JSON? { conditions.first { $0["type"]?.stringValue == type } }
        guard !conditions.isEmpty else { return HealthAssessment(.progressing, "waiting to autoscale") }

        let able = condition("AbleToScale"), active = condition("ScalingActive")
        if let able, able["status"]?.stringValue == "False", targetFailures.contains(able["reason"]?.stringValue ?? "") {
            return HealthAssessment(.degraded, StatusFields.summary(able, otherwise: "cannot scale the target"))
        }
        if let active, active["status"]?.stringValue != "True" {
            let reason = active["reason"]?.stringValue ?? ""
            let summary = StatusFields.summary(active, otherwise: "scaling is not active")
            if specFailures.contains(reason) { return HealthAssessment(.degraded, summary) }
            if reason == "ScalingDisabled" { return HealthAssessment(.suspended, summary) }
            if reason.hasPrefix("FailedGet"), let since = StatusFields.time(active["lastTransitionTime"]),
               now.timeIntervalSince(since) > metricsGrace {
                return HealthAssessment(.degraded, summary)
            }
            return HealthAssessment(.progressing, summary)
        }
        guard active != nil else { return HealthAssessment(.progressing, "waiting to autoscale") }
        if let limited = condition("ScalingLimited"), limited["status"]?.stringValue == "True" {
            return HealthAssessment(.healthy, StatusFields.summary(limited, otherwise: "scaling is limited"))
        }
        return HealthAssessment(.healthy, StatusFields.summary(active!, otherwise: "autoscaling"))
    }

    /// `status.conditions`, or the v1 annotation's list.
    static func conditions(_ autoscaler: JSON) -> [JSON] {
        let inStatus = StatusFields.conditions(autoscaler)
        if !inStatus.isEmpty { return inStatus }
        guard let text = autoscaler[path: ["metadata", "annotations", conditionsAnnotation]]?.stringValue,
              let parsed = try? JSON(parsing: text) else { return [] }
        return parsed.arrayValue ?? []
    }
}
