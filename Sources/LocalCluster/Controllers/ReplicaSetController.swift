import Manifests

/// Keeps `spec.replicas` pods for each ReplicaSet (or legacy ReplicationController) and reports
/// how many exist and are ready.
struct ReplicaSetController: Sendable {
    let client: ControllerClient
    var kind = "ReplicaSet"
    var apiVersion = "apps/v1"

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key) else { return }
        let replicaSet = stored.object
        if replicaSet[path: ["metadata", "deletionTimestamp"]] != nil { return }
        let uid = replicaSet[path: ["metadata", "uid"]]?.stringValue ?? ""
        let desired = Int(replicaSet[path: ["spec", "replicas"]]?.intValue ?? 1)
        var pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        if pods.count < desired {
            let template = replicaSet[path: ["spec", "template"]] ?? .object([:])
            for _ in pods.count..<desired {
                let pod = PodTemplates.pod(named: "\(key.name)-\(GeneratedNames.suffix())", namespace: key.namespace,
                                           template: template, owner: replicaSet, ownerKind: kind, ownerAPIVersion: apiVersion)
                if let created = await client.create(pod, resource: ControllerClient.pods) {
                    pods.append(created)
                    await EventRecorder(client: client).record(replicaSet, kind: kind, apiVersion: apiVersion, reason: "SuccessfulCreate",
                                                               message: "Created pod: \(created.object[path: ["metadata", "name"]]?.stringValue ?? "")",
                                                               component: "replicaset-controller")
                }
            }
        } else if pods.count > desired {
            // Not-ready pods go first, then the newest, as the controller's ranking does.
            let ranked = pods.sorted { a, b in
                let readyA = PodTemplates.isReady(a.object), readyB = PodTemplates.isReady(b.object)
                if readyA != readyB { return !readyA }
                return a.resourceVersion > b.resourceVersion
            }
            for victim in ranked.prefix(pods.count - desired) {
                await client.delete(ControllerClient.key(of: victim.object, resource: ControllerClient.pods))
                await EventRecorder(client: client).record(replicaSet, kind: kind, apiVersion: apiVersion, reason: "SuccessfulDelete",
                                                           message: "Deleted pod: \(victim.object[path: ["metadata", "name"]]?.stringValue ?? "")",
                                                           component: "replicaset-controller")
            }
            pods = Array(ranked.dropFirst(pods.count - desired))
        }
        let ready = pods.filter { PodTemplates.isReady($0.object) }.count
        let generation = replicaSet[path: ["metadata", "generation"]] ?? 1
        await client.update(key) { object in
            var status: JSONObject = ["replicas": .int(Int64(pods.count))]
            status["fullyLabeledReplicas"] = .int(Int64(pods.count))
            if ready > 0 {
                status["readyReplicas"] = .int(Int64(ready))
                status["availableReplicas"] = .int(Int64(ready))
            }
            status["observedGeneration"] = generation
            object["status"] = .object(status)
        }
    }
}
