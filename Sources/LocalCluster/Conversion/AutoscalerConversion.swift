import Manifests

/// `autoscaling/v1` ↔ `autoscaling/v2` HorizontalPodAutoscalers (`pkg/apis/autoscaling/v1/conversion.go`):
/// v1's `targetCPUUtilizationPercentage` is v2's CPU Utilization metric (80 % when v1 sets none);
/// what v1 cannot hold (other metrics, conditions, behavior) rides in its
/// `autoscaling.alpha.kubernetes.io/*` annotations, as on a real server.
enum AutoscalerConversion {
    static let metricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics"
    static let conditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions"
    static let currentMetricsAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics"
    static let behaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior"

    static func cpuMetric(_ percent: Int64) -> JSON {
        ["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(percent)]]]
    }

    static func v1ToV2(_ v1: JSON) -> JSON {
        var v2 = v1
        v2["apiVersion"] = "autoscaling/v2"
        var annotations = v1[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        var spec = v1["spec"]?.objectValue ?? [:]
        var metrics: [JSON] = []
        if let percent = spec["targetCPUUtilizationPercentage"]?.intValue { metrics.append(cpuMetric(percent)) }
        spec["targetCPUUtilizationPercentage"] = nil
        if let text = annotations.removeValue(forKey: metricsAnnotation)?.stringValue, let extra = try? JSON(parsing: text) {
            metrics += extra.arrayValue ?? []
        }
        if metrics.isEmpty { metrics = [cpuMetric(80)] }
        spec["metrics"] = .array(metrics)
        if let text = annotations.removeValue(forKey: behaviorAnnotation)?.stringValue, let behavior = try? JSON(parsing: text) {
            spec["behavior"] = behavior
        }
        v2["spec"] = .object(spec)
        var status = v1["status"]?.objectValue ?? [:]
        var current: [JSON] = []
        if let percent = status.removeValue(forKey: "currentCPUUtilizationPercentage")?.intValue {
            current.append(["type": "Resource", "resource": ["name": "cpu", "current": ["averageUtilization": .int(percent)]]])
        }
        if let text = annotations.removeValue(forKey: currentMetricsAnnotation)?.stringValue, let extra = try? JSON(parsing: text) {
            current += extra.arrayValue ?? []
        }
        if !current.isEmpty { status["currentMetrics"] = .array(current) }
        if let text = annotations.removeValue(forKey: conditionsAnnotation)?.stringValue, let conditions = try? JSON(parsing: text) {
            status["conditions"] = conditions
        }
        if v1["status"] != nil { v2["status"] = .object(status) }
        v2[path: ["metadata", "annotations"]] = annotations.isEmpty ? nil : .object(annotations)
        return v2
    }

    static func v2ToV1(_ v2: JSON) -> JSON {
        var v1 = v2
        v1["apiVersion"] = "autoscaling/v1"
        var annotations = v2[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        var spec = v2["spec"]?.objectValue ?? [:]
        var others: [JSON] = []
        for metric in spec.removeValue(forKey: "metrics")?.arrayValue ?? [] {
            if metric["type"] == "Resource", metric[path: ["resource", "name"]] == "cpu",
               metric[path: ["resource", "target", "type"]] == "Utilization",
               let percent = metric[path: ["resource", "target", "averageUtilization"]]?.intValue {
                spec["targetCPUUtilizationPercentage"] = .int(percent)
            } else {
                others.append(metric)
            }
        }
        if !others.isEmpty { annotations[metricsAnnotation] = .string(JSON.array(others).serialized()) }
        if let behavior = spec.removeValue(forKey: "behavior") { annotations[behaviorAnnotation] = .string(behavior.serialized()) }
        v1["spec"] = .object(spec)
        if var status = v2["status"]?.objectValue {
            var otherCurrent: [JSON] = []
            for metric in status.removeValue(forKey: "currentMetrics")?.arrayValue ?? [] {
                if metric["type"] == "Resource", metric[path: ["resource", "name"]] == "cpu",
                   let percent = metric[path: ["resource", "current", "averageUtilization"]]?.intValue {
                    status["currentCPUUtilizationPercentage"] = .int(percent)
                } else {
                    otherCurrent.append(metric)
                }
            }
            if !otherCurrent.isEmpty { annotations[currentMetricsAnnotation] = .string(JSON.array(otherCurrent).serialized()) }
            if let conditions = status.removeValue(forKey: "conditions") { annotations[conditionsAnnotation] = .string(conditions.serialized()) }
            v1["status"] = .object(status)
        }
        v1[path: ["metadata", "annotations"]] = annotations.isEmpty ? nil : .object(annotations)
        return v1
    }
}
