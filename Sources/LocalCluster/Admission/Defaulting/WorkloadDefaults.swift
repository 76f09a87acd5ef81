import Manifests

/// Defaults of the workload kinds, from `pkg/apis/apps/v1/defaults.go` and
/// `pkg/apis/batch/v1/defaults.go` (release-1.32), plus the pod template defaults inside each.
enum WorkloadDefaults {
    /// SetDefaults_Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600 s deadline.
    static func deployment(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfNil("replicas", 1)
            spec.updateStruct("strategy") { strategy in
                strategy.defaultIfEmpty("type", "RollingUpdate")
                if strategy["type"] == "RollingUpdate" {
                    strategy.defaultIfNil("rollingUpdate", .object(JSONObject()))
                    strategy.update("rollingUpdate") { rolling in
                        rolling.defaultIfNil("maxUnavailable", "25%")
                        rolling.defaultIfNil("maxSurge", "25%")
                    }
                }
            }
            spec.defaultIfNil("revisionHistoryLimit", 10)
            spec.defaultIfNil("progressDeadlineSeconds", 600)
            spec.updateStruct("template") { PodSpecDefaults.applyToTemplate(&$0) }
        }
    }

    /// SetDefaults_ReplicaSet: 1 replica.
    static func replicaSet(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfNil("replicas", 1)
            spec.updateStruct("template") { PodSpecDefaults.applyToTemplate(&$0) }
        }
    }

    /// SetDefaults_StatefulSet: OrderedReady, RollingUpdate with partition 0, PVC retention
    /// Retain/Retain (StatefulSetAutoDeletePVC is on in 1.32), 1 replica, 10 revisions; each
    /// volume claim template is a PersistentVolumeClaim and gets its defaults.
    static func statefulSet(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfEmpty("podManagementPolicy", "OrderedReady")
            spec.updateStruct("updateStrategy") { strategy in
                if strategy["type"] == nil || strategy["type"] == "" || strategy["type"] == .null {
                    strategy["type"] = "RollingUpdate"
                    strategy.defaultIfNil("rollingUpdate", .object(JSONObject()))
                }
                if strategy["type"] == "RollingUpdate" {
                    strategy.update("rollingUpdate") { $0.defaultIfNil("partition", 0) }
                }
            }
            spec.defaultIfNil("persistentVolumeClaimRetentionPolicy", .object(JSONObject()))
            spec.update("persistentVolumeClaimRetentionPolicy") { policy in
                policy.defaultIfEmpty("whenDeleted", "Retain")
                policy.defaultIfEmpty("whenScaled", "Retain")
            }
            spec.defaultIfNil("replicas", 1)
            spec.defaultIfNil("revisionHistoryLimit", 10)
            spec.updateStruct("template") { PodSpecDefaults.applyToTemplate(&$0) }
            spec.updateEach("volumeClaimTemplates") { claim in
                claim.defaultIfEmpty("apiVersion", "v1")
                claim.defaultIfEmpty("kind", "PersistentVolumeClaim")
                claim.updateStruct("metadata") { metadata in
                    if metadata["creationTimestamp"] == nil { metadata["creationTimestamp"] = .null }
                }
                CoreDefaults.persistentVolumeClaim(&claim)
            }
        }
    }

    /// SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions.
    static func daemonSet(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.updateStruct("updateStrategy") { strategy in
                strategy.defaultIfEmpty("type", "RollingUpdate")
                if strategy["type"] == "RollingUpdate" {
                    strategy.defaultIfNil("rollingUpdate", .object(JSONObject()))
                    strategy.update("rollingUpdate") { rolling in
                        rolling.defaultIfNil("maxUnavailable", 1)
                        rolling.defaultIfNil("maxSurge", 0)
                    }
                }
            }
            spec.defaultIfNil("revisionHistoryLimit", 10)
            spec.updateStruct("template") { PodSpecDefaults.applyToTemplate(&$0) }
        }
    }

    /// SetDefaults_Job: completions and parallelism 1 when both unset, backoffLimit 6 (MaxInt32 with
    /// backoffLimitPerIndex), the object's labels from the template's when it has none,
    /// NonIndexed, not suspended, pod failure policy conditions `True`, podReplacementPolicy
    /// TerminatingOrFailed (Failed with a pod failure policy; JobPodReplacementPolicy is on in 1.32).
    static func job(_ object: inout JSON) {
        if let labels = object[path: ["spec", "template", "metadata", "labels"]], labels.objectValue != nil,
           object[path: ["metadata", "labels"]]?.objectValue?.isEmpty ?? true {
            object[path: ["metadata", "labels"]] = labels
        }
        object.updateStruct("spec") { jobSpec(&$0) }
    }

    /// The JobSpec part of SetDefaults_Job, which a CronJob's job template does not get.
    private static func jobSpec(_ spec: inout JSON) {
        let noCompletions = spec["completions"] == nil || spec["completions"] == .null
        let noParallelism = spec["parallelism"] == nil || spec["parallelism"] == .null
        if noCompletions && noParallelism {
            spec["completions"] = 1
            spec["parallelism"] = 1
        }
        spec.defaultIfNil("parallelism", 1)
        let perIndex = spec["backoffLimitPerIndex"] != nil && spec["backoffLimitPerIndex"] != .null
        spec.defaultIfNil("backoffLimit", perIndex ? .int(Int64(Int32.max)) : 6)
        spec.defaultIfNil("completionMode", "NonIndexed")
        spec.defaultIfNil("suspend", false)
        let hasFailurePolicy = spec["podFailurePolicy"]?.objectValue != nil
        spec.update("podFailurePolicy") { policy in
            policy.updateEach("rules") { rule in
                rule.updateEach("onPodConditions") { $0.defaultIfEmpty("status", "True") }
            }
        }
        spec.defaultIfNil("podReplacementPolicy", hasFailurePolicy ? "Failed" : "TerminatingOrFailed")
        spec.updateStruct("template") { PodSpecDefaults.applyToTemplate(&$0) }
    }

    /// SetDefaults_CronJob: Allow, not suspended, keep 3 successful and 1 failed job; the job
    /// template's pod template gets pod defaults (but not SetDefaults_Job, which is for Jobs).
    static func cronJob(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfEmpty("concurrencyPolicy", "Allow")
            spec.defaultIfNil("suspend", false)
            spec.defaultIfNil("successfulJobsHistoryLimit", 3)
            spec.defaultIfNil("failedJobsHistoryLimit", 1)
            spec.updateStruct("jobTemplate") { template in
                template.updateStruct("metadata") { metadata in
                    if metadata["creationTimestamp"] == nil { metadata["creationTimestamp"] = .null }
                }
                template.updateStruct("spec") { jobSpec in
                    jobSpec.updateStruct("template") { PodSpecDefaults.applyToTemplate(&$0) }
                }
            }
        }
    }
}
