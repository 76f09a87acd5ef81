import Manifests

/// The horizontal-pod-autoscaler controller over a simulated metrics server whose pods are always
/// exactly at their target: a Resource Utilization metric reads its target (pods need CPU/memory
/// requests, else `FailedGetResourceMetric` "missing request", as on a real cluster), so the
/// recommendation is the current size, kept within `minReplicas`/`maxReplicas`, which the
/// controller enforces by scaling the target. Status and the AbleToScale / ScalingActive /
/// ScalingLimited conditions are worded as `pkg/controller/podautoscaler/horizontal.go` words them.
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
        case "ReplicationController": resource = GroupResource(group: "", resource: "replicationcontrollers")
        default: resource = GroupResource(group: "", resource: kind.lowercased() + "s")
        }
        let targetKey = ObjectKey(resource: resource, namespace: key.namespace, name: name)
        let target = await client.get(targetKey)?.object
        let specified = target?[path: ["spec", "replicas"]]?.intValue ?? 1
        let current = target?[path: ["status", "replicas"]]?.intValue ?? 0
        let minimum = autoscaler[path: ["spec", "minReplicas"]]?.intValue ?? 1
        let maximum = autoscaler[path: ["spec", "maxReplicas"]]?.intValue ?? minimum
        let desired = min(max(specified, minimum), maximum)
        let metrics = target.map { Self.readings(autoscaler, target: $0) } ?? .failed(reason: "", message: "")
        let now = Timestamps.now()
        var scaled = false
        if target != nil, case .read = metrics, desired != specified {
            scaled = await client.update(targetKey) { $0[path: ["spec", "replicas"]] = .int(desired) }
            if scaled {
                await EventRecorder(client: client).record(autoscaler, kind: "HorizontalPodAutoscaler", apiVersion: "autoscaling/v2",
                                                           reason: "SuccessfulRescale",
                                                           message: "New size: \(desired); reason: \(desired > specified ? "Current number of replicas below Spec.MinReplicas" : "Current number of replicas above Spec.MaxReplicas")",
                                                           component: "horizontal-pod-autoscaler")
            }
        }
        await client.update(key) { object in
            var status = object["status"]?.objectValue ?? JSONObject()
            status["currentReplicas"] = .int(current)
            status["desiredReplicas"] = .int(target == nil ? 0 : desired)
            if scaled { status["lastScaleTime"] = .string(now) }
            var conditions = WorkloadConditions(status["conditions"]?.arrayValue ?? [])
            guard target != nil else {
                conditions.set("AbleToScale", status: "False", reason: "FailedGetScale",
                               message: "the HPA controller was unable to get the target's current scale: \(resource.resource)\(resource.group.isEmpty ? "" : "." + resource.group) \"\(name)\" not found",
                               now: now)
                status["conditions"] = Self.withoutUpdateTimes(conditions)
                object["status"] = .object(status)
                return
            }
            conditions.set("AbleToScale", status: "True", reason: scaled ? "SucceededRescale" : "ReadyForNewScale",
                           message: scaled ? "the HPA controller was able to update the target scale to \(desired)"
                                           : "recommended size matches current size", now: now)
            switch metrics {
            case .read(let current, let description):
                status["currentMetrics"] = .array(current)
                conditions.set("ScalingActive", status: "True", reason: "ValidMetricFound",
                               message: "the HPA was able to successfully calculate a replica count from \(description)", now: now)
                if specified < minimum {
                    conditions.set("ScalingLimited", status: "True", reason: "TooFewReplicas",
                                   message: "the desired replica count is less than the minimum replica count", now: now)
                } else if specified > maximum {
                    conditions.set("ScalingLimited", status: "True", reason: "TooManyReplicas",
                                   message: "the desired replica count is more than the maximum replica count", now: now)
                } else {
                    conditions.set("ScalingLimited", status: "False", reason: "DesiredWithinRange",
                                   message: "the desired count is within the acceptable range", now: now)
                }
            case .failed(let reason, let message):
                status["currentMetrics"] = nil
                conditions.set("ScalingActive", status: "False", reason: reason,
                               message: "the HPA was unable to compute the replica count: \(message)", now: now)
            }
            status["conditions"] = Self.withoutUpdateTimes(conditions)
            object["status"] = .object(status)
        }
    }

    enum Readings {
        /// `currentMetrics` and the condition's wording of the first metric.
        case read([JSON], String)
        case failed(reason: String, message: String)
    }

    /// What the simulated metrics server reports for each metric: its target.
    static func readings(_ autoscaler: JSON, target: JSON) -> Readings {
        let containers = target[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        var current: [JSON] = []
        var description = ""
        for metric in autoscaler[path: ["spec", "metrics"]]?.arrayValue ?? [] {
            let type = metric["type"]?.stringValue ?? ""
            switch type {
            case "Resource", "ContainerResource":
                let field = type == "Resource" ? "resource" : "containerResource"
                let name = metric[path: [field, "name"]]?.stringValue ?? "cpu"
                let goal = metric[path: [field, "target"]] ?? .object([:])
                if goal["type"] == "Utilization" {
                    if let missing = containers.first(where: { $0[path: ["resources", "requests", name]] == nil }) {
                        let podName = "\(target[path: ["metadata", "name"]]?.stringValue ?? "")-<pod>"
                        return .failed(reason: "FailedGetResourceMetric",
                                       message: "failed to get \(name) utilization: missing request for \(name) in container \(missing["name"]?.stringValue ?? "") of Pod \(podName)")
                    }
                    var reading = metric
                    reading[path: [field, "target"]] = nil
                    reading[path: [field, "current"]] = ["averageUtilization": goal["averageUtilization"] ?? 0]
                    current.append(reading)
                    if description.isEmpty { description = "\(name) resource utilization (percentage of request)" }
                } else {
                    var reading = metric
                    reading[path: [field, "target"]] = nil
                    reading[path: [field, "current"]] = ["averageValue": goal["averageValue"] ?? goal["value"] ?? "0"]
                    current.append(reading)
                    if description.isEmpty { description = "\(name) resource" }
                }
            default:
                return .failed(reason: "FailedGet\(type)Metric",
                               message: "unable to get metric: no custom or external metrics API is served by the local cluster")
            }
        }
        return .read(current, description)
    }

    private static func withoutUpdateTimes(_ conditions: WorkloadConditions) -> JSON {
        .array(conditions.items.map { condition in
            var copy = condition
            copy["lastUpdateTime"] = nil
            return copy
        })
    }
}
