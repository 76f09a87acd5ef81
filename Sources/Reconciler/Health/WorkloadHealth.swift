import Manifests

/// Deployments, StatefulSets, DaemonSets and ReplicaSets: their controllers report replica counts
/// against the spec; healthy when every replica is updated, ready and available.
enum WorkloadHealth {
    static func deployment(_ object: JSON) -> HealthAssessment {
        if object[path: ["spec", "paused"]]?.boolValue == true { return HealthAssessment(.suspended, "Deployment is paused") }
        if let stale = StatusFields.generationNotObserved(object, kind: "Deployment", required: object["status"] != nil) { return stale }
        if let progressing = StatusFields.condition(object, "Progressing"), progressing["reason"]?.stringValue == "ProgressDeadlineExceeded" {
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            return HealthAssessment(.degraded, "Deployment \"\(name)\" exceeded its progress deadline" + StatusFields.detail(progressing))
        }
        let spec = StatusFields.int(object, ["spec", "replicas"], default: 1)
        let replicas = StatusFields.int(object, ["status", "replicas"], default: 0)
        let updated = StatusFields.int(object, ["status", "updatedReplicas"], default: 0)
        let available = StatusFields.int(object, ["status", "availableReplicas"], default: 0)
        let ready = StatusFields.int(object, ["status", "readyReplicas"], default: 0)
        if updated < spec {
            return HealthAssessment(.progressing, "waiting for rollout: \(updated) of \(spec) new replicas updated")
        }
        if replicas > updated {
            return HealthAssessment(.progressing, "waiting for rollout: \(replicas - updated) old replicas pending termination")
        }
        if available < updated {
            return HealthAssessment(.progressing, "waiting for rollout: \(available) of \(updated) updated replicas available")
        }
        if ready < spec {
            return HealthAssessment(.progressing, "waiting for rollout: \(ready) of \(spec) replicas ready")
        }
        return HealthAssessment(.healthy, "Deployment is available (\(available)/\(spec) replicas)")
    }

    static func statefulSet(_ object: JSON) -> HealthAssessment {
        if let stale = StatusFields.generationNotObserved(object, kind: "StatefulSet", required: object["status"] != nil) { return stale }
        if StatusFields.string(object, ["spec", "updateStrategy", "type"]) == "OnDelete" {
            return HealthAssessment(.healthy, "StatefulSet uses the OnDelete update strategy: pods are replaced by hand")
        }
        let spec = StatusFields.int(object, ["spec", "replicas"], default: 1)
        let replicas = StatusFields.int(object, ["status", "replicas"], default: 0)
        let ready = StatusFields.int(object, ["status", "readyReplicas"], default: 0)
        let current = StatusFields.int(object, ["status", "currentReplicas"], default: 0)
        let updated = StatusFields.int(object, ["status", "updatedReplicas"], default: 0)
        if replicas < spec { return HealthAssessment(.progressing, "waiting for \(spec - replicas) pods to be created (\(replicas)/\(spec))") }
        if ready < spec { return HealthAssessment(.progressing, "waiting for pods to be ready (\(ready)/\(spec))") }
        if replicas > spec { return HealthAssessment(.progressing, "\(replicas - spec) pods pending termination") }
        if let partition = object[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]]?.intValue {
            if updated < spec - partition {
                return HealthAssessment(.progressing, "waiting for partitioned rollout: \(updated) of \(spec - partition) updated")
            }
            return HealthAssessment(.healthy, "partitioned rollout complete (\(updated) updated)")
        }
        if current < spec { return HealthAssessment(.progressing, "waiting for rollout: \(current) of \(spec) pods current") }
        if StatusFields.string(object, ["status", "currentRevision"]) != StatusFields.string(object, ["status", "updateRevision"]) {
            return HealthAssessment(.progressing, "waiting for the updated revision to become current")
        }
        return HealthAssessment(.healthy, "StatefulSet is ready (\(ready)/\(spec) pods)")
    }

    static func daemonSet(_ object: JSON) -> HealthAssessment {
        if let stale = StatusFields.generationNotObserved(object, kind: "DaemonSet", required: true) { return stale }
        if StatusFields.string(object, ["spec", "updateStrategy", "type"]) == "OnDelete" {
            return HealthAssessment(.healthy, "DaemonSet uses the OnDelete update strategy: pods are replaced by hand")
        }
        guard let desired = object[path: ["status", "desiredNumberScheduled"]]?.intValue else {
            return HealthAssessment(.progressing, "DaemonSet status.desiredNumberScheduled not yet reported")
        }
        let current = StatusFields.int(object, ["status", "currentNumberScheduled"], default: 0)
        let updated = StatusFields.int(object, ["status", "updatedNumberScheduled"], default: 0)
        let available = StatusFields.int(object, ["status", "numberAvailable"], default: 0)
        let ready = StatusFields.int(object, ["status", "numberReady"], default: 0)
        if current < desired { return HealthAssessment(.progressing, "waiting for pods to be scheduled (\(current)/\(desired))") }
        if updated < desired { return HealthAssessment(.progressing, "waiting for rollout: \(updated) of \(desired) pods updated") }
        if available < desired { return HealthAssessment(.progressing, "waiting for rollout: \(available) of \(desired) pods available") }
        if ready < desired { return HealthAssessment(.progressing, "waiting for pods to be ready (\(ready)/\(desired))") }
        return HealthAssessment(.healthy, "DaemonSet is ready (\(ready)/\(desired) pods)")
    }

    static func replicaSet(_ object: JSON) -> HealthAssessment {
        if let stale = StatusFields.generationNotObserved(object, kind: "ReplicaSet", required: object["status"] != nil) { return stale }
        if let failure = StatusFields.condition(object, "ReplicaFailure"), failure["status"]?.stringValue == "True" {
            return HealthAssessment(.degraded, "replica failure" + StatusFields.detail(failure))
        }
        let spec = StatusFields.int(object, ["spec", "replicas"], default: 1)
        let replicas = StatusFields.int(object, ["status", "replicas"], default: 0)
        let available = StatusFields.int(object, ["status", "availableReplicas"], default: 0)
        let ready = StatusFields.int(object, ["status", "readyReplicas"], default: 0)
        if available < spec { return HealthAssessment(.progressing, "waiting for replicas to be available (\(available)/\(spec))") }
        if ready < spec { return HealthAssessment(.progressing, "waiting for replicas to be ready (\(ready)/\(spec))") }
        if replicas > spec { return HealthAssessment(.progressing, "\(replicas - spec) replicas pending termination") }
        return HealthAssessment(.healthy, "ReplicaSet is available (\(available)/\(spec) replicas)")
    }
}
