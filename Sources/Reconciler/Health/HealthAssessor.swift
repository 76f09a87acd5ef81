import Manifests

/// Assesses live objects with kstatus's rules (cli-utils `pkg/kstatus/status`), mapped onto Argo
/// CD's states: InProgress → Progressing, Failed → Degraded, Current → Healthy, plus Argo's
/// Suspended for paused Deployments and suspended CronJobs and Jobs.
public enum HealthAssessor {
    /// The health of a live object; `nil` (not found) is Missing.
    public static func assess(_ object: JSON?) -> HealthAssessment {
        guard let object else { return HealthAssessment(.missing, "not found in the cluster") }
        guard let identity = ObjectIdentity(of: object) else { return HealthAssessment(.unknown, "object has no kind or name") }
        if let deletion = object[path: ["metadata", "deletionTimestamp"]], !deletion.isNull {
            return HealthAssessment(.progressing, "pending deletion")
        }
        switch (identity.group, identity.kind) {
        case ("apps", "Deployment"), ("extensions", "Deployment"): return WorkloadHealth.deployment(object)
        case ("apps", "StatefulSet"): return WorkloadHealth.statefulSet(object)
        case ("apps", "DaemonSet"), ("extensions", "DaemonSet"): return WorkloadHealth.daemonSet(object)
        case ("apps", "ReplicaSet"), ("extensions", "ReplicaSet"): return WorkloadHealth.replicaSet(object)
        case ("", "Pod"): return PodHealth.assess(object)
        case ("batch", "Job"): return JobHealth.job(object)
        case ("batch", "CronJob"): return JobHealth.cronJob(object)
        case ("", "PersistentVolumeClaim"): return ServingHealth.persistentVolumeClaim(object)
        case ("", "Service"): return ServingHealth.service(object)
        case ("networking.k8s.io", "Ingress"), ("extensions", "Ingress"): return ServingHealth.ingress(object)
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return ServingHealth.customResourceDefinition(object)
        case ("", "Namespace"): return ServingHealth.namespace(object)
        default: return ConditionHealth.assess(object, kind: identity.kind)
        }
    }
}

/// Reading helpers shared by the rules.
enum StatusFields {
    static func int(_ object: JSON, _ path: [String], default value: Int64) -> Int64 {
        object[path: path]?.intValue ?? value
    }

    static func string(_ object: JSON, _ path: [String]) -> String? {
        object[path: path]?.stringValue
    }

    /// The condition of `type` in `status.conditions`.
    static func condition(_ object: JSON, _ type: String) -> JSON? {
        object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    /// Progressing when `metadata.generation` is ahead of `status.observedGeneration` (the
    /// controller has not seen the latest spec, so the rest of the status is stale).
    static func generationNotObserved(_ object: JSON, kind: String, required: Bool = false) -> HealthAssessment? {
        guard let generation = object[path: ["metadata", "generation"]]?.intValue else { return nil }
        guard let observed = object[path: ["status", "observedGeneration"]]?.intValue else {
            return required ? HealthAssessment(.progressing, "\(kind) status.observedGeneration not yet reported") : nil
        }
        if observed < generation {
            return HealthAssessment(.progressing, "waiting for the controller to observe generation \(generation) (observed \(observed))")
        }
        return nil
    }
}
