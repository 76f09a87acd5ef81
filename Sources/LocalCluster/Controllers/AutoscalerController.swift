import Manifests

/// HorizontalPodAutoscaler status without a metrics server, as a real cluster without one reports
/// it: current replicas of the target, desired kept within min/max, `AbleToScale` True and
/// `ScalingActive` False (`FailedGetResourceMetric`). It never scales the target itself.
struct AutoscalerController: Sendable {
    let client: ControllerClient
    static let autoscalers = GroupResource(group: "autoscaling", resource: "horizontalpodautoscalers")

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let autoscaler = stored.object
        let kind = autoscaler[path: ["spec", "scaleTargetRef", "kind"]]?.stringValue ?? ""
        let name = autoscaler[path: ["spec", "scaleTargetRef", "name"]]?.stringValue ?? ""
        let resource: GroupResource
        switch kind {
        case "Deployment": resource = ControllerClient.deployments
        case "StatefulSet": resource = GroupResource(group: "apps", resource: "statefulsets")
        case "ReplicaSet": resource = ControllerClient.replicaSets
        default: return
        }
        let target = await client.get(ObjectKey(resource: resource, namespace: key.namespace, name: name))?.object
        let current = target?[path: ["status", "replicas"]]?.intValue ?? 0
        let minimum = autoscaler[path: ["spec", "minReplicas"]]?.intValue ?? 1
        let maximum = autoscaler[path: ["spec", "maxReplicas"]]?.intValue ?? minimum
        let desired = min(max(target?[path: ["spec", "replicas"]]?.intValue ?? minimum, minimum), maximum)
        let now = Timestamps.now()
        await client.update(key) { object in
            var status = object["status"]?.objectValue ?? JSONObject()
            status["currentReplicas"] = .int(current)
            status["desiredReplicas"] = .int(desired)
            var conditions = WorkloadConditions(status["conditions"]?.arrayValue ?? [])
            if target == nil {
                conditions.set("AbleToScale", status: "False", reason: "FailedGetScale",
                               message: "the HPA controller was unable to get the target's current scale: \(resource.resource).\(resource.group) \"\(name)\" not found",
                               now: now)
            } else {
                conditions.set("AbleToScale", status: "True", reason: "SucceededGetScale",
                               message: "the HPA controller was able to get the target's current scale", now: now)
                conditions.set("ScalingActive", status: "False", reason: "FailedGetResourceMetric",
                               message: "the HPA was unable to compute the replica count: no metrics server in the local cluster", now: now)
            }
            status["conditions"] = .array(conditions.items.map { condition in
                var copy = condition
                copy["lastUpdateTime"] = nil
                return copy
            })
            object["status"] = .object(status)
        }
    }
}
