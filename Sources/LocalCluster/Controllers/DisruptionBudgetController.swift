import Manifests

/// The disruption controller's status for PodDisruptionBudgets: healthy pods (ready and matching
/// the selector) against the desired number, allowed disruptions and the DisruptionAllowed condition.
struct DisruptionBudgetController: Sendable {
    let client: ControllerClient
    static let budgets = GroupResource(group: "policy", resource: "poddisruptionbudgets")

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let budget = stored.object
        let selector = LabelQuery(selector: budget[path: ["spec", "selector"]])
        let pods = await client.context.store.list(ControllerClient.pods, namespace: key.namespace).items
            .map(\.object).filter { selector.matches(StoredObject.labels(of: $0)) && $0[path: ["metadata", "deletionTimestamp"]] == nil }
        let expected = Int64(pods.count)
        let healthy = Int64(pods.filter(PodTemplates.isReady).count)
        let desired: Int64
        if let minAvailable = budget[path: ["spec", "minAvailable"]] {
            desired = IntOrPercent.resolve(minAvailable, total: expected, roundUp: true)
        } else if let maxUnavailable = budget[path: ["spec", "maxUnavailable"]] {
            desired = max(0, expected - IntOrPercent.resolve(maxUnavailable, total: expected, roundUp: true))
        } else {
            desired = expected
        }
        let allowed = max(0, healthy - desired)
        let now = Timestamps.now()
        await client.update(key) { object in
            var status = object["status"]?.objectValue ?? JSONObject()
            status["observedGeneration"] = object[path: ["metadata", "generation"]] ?? 1
            status["currentHealthy"] = .int(healthy)
            status["desiredHealthy"] = .int(desired)
            status["expectedPods"] = .int(expected)
            status["disruptionsAllowed"] = .int(allowed)
            var conditions = WorkloadConditions(status["conditions"]?.arrayValue ?? [])
            if allowed > 0 {
                conditions.set("DisruptionAllowed", status: "True", reason: "SufficientPods", message: "", now: now)
            } else {
                conditions.set("DisruptionAllowed", status: "False", reason: "InsufficientPods", message: "", now: now)
            }
            status["conditions"] = .array(conditions.items.map { condition in
                var copy = condition
                copy["lastUpdateTime"] = nil
                copy["observedGeneration"] = object[path: ["metadata", "generation"]] ?? 1
                return copy
            })
            object["status"] = .object(status)
        }
    }
}
