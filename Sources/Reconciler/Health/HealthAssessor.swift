import Foundation
import Manifests

/// Assesses live objects in Argo CD's states (Healthy, Progressing, Degraded, Suspended, Missing,
/// Unknown).
///
/// In order: an object being deleted is Progressing; a user's Lua script for its kind
/// (`HealthChecks`) replaces every rule below; built-in kinds follow kstatus (cli-utils
/// `pkg/kstatus/status`: InProgress → Progressing, Failed → Degraded, Current → Healthy) and Argo
/// CD's built-in checks (gitops-engine `pkg/health`, argo-cd `resource_customizations`), each rule
/// saying which where the two differ; custom resources get `CustomResourceHealth`.
public enum HealthAssessor {
    /// The health of a live object; `nil` (not found) is Missing.
    ///
    /// - Parameters:
    ///   - checks: the users' scripts; by default only the built-in rules.
    ///   - now: when the object is looked at (a custom resource without a status is given a
    ///     moment for its controller to write one, an autoscaler for its metrics, an aggregated API
    ///     for its backend).
    public static func assess(_ object: JSON?, checks: HealthChecks = .builtIn, now: Date = Date()) -> HealthAssessment {
        guard let object else { return HealthAssessment(.missing, "not found in the cluster") }
        guard let identity = ObjectIdentity(of: object) else { return HealthAssessment(.unknown, "object has no kind or name") }
        if let deletion = object[path: ["metadata", "deletionTimestamp"]], !deletion.isNull {
            return pendingDeletion(object)
        }
        if let script = checks.script(for: identity.groupKind) {
            return LuaHealthCheck.assess(object, with: script, limits: checks.limits)
        }
        return builtIn(object, kind: identity.groupKind, now: now)
    }

    static func builtIn(_ object: JSON, kind: GroupKind, now: Date) -> HealthAssessment {
        switch (kind.group, kind.kind) {
        case ("apps", "Deployment"), ("extensions", "Deployment"): return WorkloadHealth.deployment(object)
        case ("apps", "StatefulSet"): return WorkloadHealth.statefulSet(object)
        case ("apps", "DaemonSet"), ("extensions", "DaemonSet"): return WorkloadHealth.daemonSet(object)
        case ("apps", "ReplicaSet"), ("extensions", "ReplicaSet"): return WorkloadHealth.replicaSet(object)
        case ("", "Pod"): return PodHealth.assess(object)
        case ("batch", "Job"): return JobHealth.job(object)
        case ("batch", "CronJob"): return JobHealth.cronJob(object)
        case ("autoscaling", "HorizontalPodAutoscaler"): return AutoscalerHealth.assess(object, now: now)
        case ("policy", "PodDisruptionBudget"): return DisruptionBudgetHealth.assess(object)
        case ("", "PersistentVolumeClaim"): return ServingHealth.persistentVolumeClaim(object)
        case ("", "Service"): return ServingHealth.service(object)
        case ("networking.k8s.io", "Ingress"), ("extensions", "Ingress"): return ServingHealth.ingress(object)
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return ServingHealth.customResourceDefinition(object)
        case ("apiregistration.k8s.io", "APIService"): return ServingHealth.apiService(object, now: now)
        case ("", "Namespace"): return ServingHealth.namespace(object)
        default:
            if BuiltInKinds.contains(kind) { return ConditionHealth.assess(object, kind: kind.kind) }
            return CustomResourceHealth.assess(object, kind: kind.kind, now: now)
        }
    }

    /// `pending deletion; blocked by finalizers: …` (gitops-engine checks deletion first too).
    private static func pendingDeletion(_ object: JSON) -> HealthAssessment {
        let finalizers = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
        if finalizers.isEmpty { return HealthAssessment(.progressing, "pending deletion") }
        return HealthAssessment(.progressing, "pending deletion; blocked by finalizers: \(finalizers.joined(separator: ", "))")
    }
}

/// The kinds Kubernetes itself serves (the bundled 1.32 schema, plus the retired `extensions`
/// group): they follow kstatus's generic rules when no rule of their own applies. Every other kind
/// is a custom resource.
enum BuiltInKinds {
    private static let kinds: Set<GroupKind> = Set(KubeSchema.builtin.resources.map { GroupKind(group: $0.group, kind: $0.kind) })

    static func contains(_ kind: GroupKind) -> Bool {
        kind.group == "extensions" || kinds.contains(kind)
    }
}
