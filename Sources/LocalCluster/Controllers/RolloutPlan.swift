import Manifests

/// How many replicas the current and the old ReplicaSets of a Deployment should have next, after
/// the deployment controller's rolling and recreate strategies (pkg/controller/deployment
/// rolling.go, recreate.go): the new one grows within `maxSurge`, old ones shrink while
/// `desired - maxUnavailable` pods stay available, counting the new one's unavailable pods.
struct RolloutPlan {
    var newReplicas: Int64
    /// In the order of the `olds` given.
    var oldReplicas: [Int64]

    private static func spec(_ replicaSet: JSON) -> Int64 { replicaSet[path: ["spec", "replicas"]]?.intValue ?? 0 }
    private static func available(_ replicaSet: JSON) -> Int64 { replicaSet[path: ["status", "availableReplicas"]]?.intValue ?? 0 }

    static func rolling(new: JSON, olds: [JSON], desired: Int64, maxSurge: Int64, maxUnavailable: Int64) -> RolloutPlan {
        var newReplicas = spec(new)
        var oldReplicas = olds.map(spec)
        let total = newReplicas + oldReplicas.reduce(0, +)
        if newReplicas > desired {
            newReplicas = desired
        } else if newReplicas < desired {
            let room = desired + maxSurge - total
            if room > 0 { newReplicas = min(desired, newReplicas + room) }
        }
        // Old pods that are not available can always go; available ones only while enough remain.
        let minAvailable = desired - maxUnavailable
        let newUnavailable = max(0, spec(new) - available(new))
        var budget = total - minAvailable - newUnavailable
        for index in oldReplicas.indices {
            let unhealthy = max(0, oldReplicas[index] - available(olds[index]))
            oldReplicas[index] -= unhealthy
        }
        for index in oldReplicas.indices where budget > 0 {
            let cut = min(oldReplicas[index], budget)
            oldReplicas[index] -= cut
            budget -= cut
        }
        return RolloutPlan(newReplicas: newReplicas, oldReplicas: oldReplicas)
    }

    /// Recreate: every old ReplicaSet to zero; the new one scales up once their pods are gone.
    static func recreate(new: JSON, olds: [JSON], desired: Int64) -> RolloutPlan {
        let oldPodsLeft = olds.contains { spec($0) > 0 || ($0[path: ["status", "replicas"]]?.intValue ?? 0) > 0 }
        return RolloutPlan(newReplicas: oldPodsLeft ? 0 : desired, oldReplicas: olds.map { _ in 0 })
    }
}
