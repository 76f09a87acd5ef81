import Manifests

/// `pods/<name>/binding` and `bindings` (the scheduler's write: a pod's node) and
/// `pods/<name>/eviction` (`kubectl drain`): eviction refuses, 429, when a PodDisruptionBudget
/// covering the pod allows no disruption, and otherwise deletes the pod.
struct PodBinding: Sendable {
    let context: ClusterContext
    static let pods = GroupResource(group: "", resource: "pods")

    /// Binds a pod to a node; a pod already bound is a 409 Conflict, as in the pod registry.
    func bind(namespace: String, body: JSON) async throws -> APIResponse {
        let name = body[path: ["metadata", "name"]]?.stringValue ?? ""
        let node = body[path: ["target", "name"]]?.stringValue ?? ""
        let key = ObjectKey(resource: Self.pods, namespace: namespace, name: name)
        guard let pod = await context.store.get(key) else { throw StatusError.notFound(Self.pods, name: name) }
        if let bound = pod.object[path: ["spec", "nodeName"]]?.stringValue, !bound.isEmpty {
            throw StatusError.conflict(GroupResource(group: "", resource: "pods/binding"), name: name,
                                       why: "pod \(name) is already assigned to node \"\(bound)\"")
        }
        await ControllerClient(context: context).update(key) { object in Scheduling.bind(&object, to: node) }
        return .json(["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success", "code": 201], status: .created)
    }

    func evict(namespace: String, name: String) async throws -> APIResponse {
        let key = ObjectKey(resource: Self.pods, namespace: namespace, name: name)
        guard let pod = await context.store.get(key) else { throw StatusError.notFound(Self.pods, name: name) }
        let labels = StoredObject.labels(of: pod.object)
        for budget in await context.store.list(DisruptionBudgetController.budgets, namespace: namespace).items.map(\.object) {
            guard LabelQuery(selector: budget[path: ["spec", "selector"]]).matches(labels) else { continue }
            if (budget[path: ["status", "disruptionsAllowed"]]?.intValue ?? 0) <= 0 && PodTemplates.isReady(pod.object) {
                let budgetName = budget[path: ["metadata", "name"]]?.stringValue ?? ""
                let desired = budget[path: ["status", "desiredHealthy"]]?.intValue ?? 0
                let healthy = budget[path: ["status", "currentHealthy"]]?.intValue ?? 0
                throw StatusError(code: 429, reason: "TooManyRequests", message: "Cannot evict pod as it would violate the pod's disruption budget.",
                                  details: ["causes": [["reason": "DisruptionBudget",
                                                        "message": .string("The disruption budget \(budgetName) needs \(desired) healthy pods and has \(healthy) currently")]]])
            }
        }
        guard let resource = context.registry.resource(Self.pods) else { throw StatusError.resourceNotFound }
        _ = try await Finalization(context: context).delete(key, resource: resource, options: .background)
        return .json(["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success", "code": 201], status: .created)
    }
}

/// The scheduler's share: a pod without a node is bound to the cluster's one node.
enum Scheduling {
    static let nodeName = "local-node"

    static func bind(_ pod: inout JSON, to node: String = nodeName) {
        pod[path: ["spec", "nodeName"]] = .string(node)
        var conditions = (pod[path: ["status", "conditions"]]?.arrayValue ?? []).filter { $0["type"]?.stringValue != "PodScheduled" }
        conditions.append(["type": "PodScheduled", "status": "True", "lastProbeTime": .null, "lastTransitionTime": .string(Timestamps.now())])
        pod[path: ["status", "conditions"]] = .array(conditions)
    }
}
