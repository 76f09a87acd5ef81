import Manifests

/// StatefulSet: pods `<name>-0 … <name>-(n-1)` (and a PVC per volume claim template and ordinal),
/// with status counts and revisions.
struct StatefulSetController: Sendable {
    let client: ControllerClient

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let set = stored.object
        let uid = set[path: ["metadata", "uid"]]?.stringValue ?? ""
        let desired = Int(set[path: ["spec", "replicas"]]?.intValue ?? 1)
        let template = set[path: ["spec", "template"]] ?? .object([:])
        let revision = "\(key.name)-\(GeneratedNames.templateHash(template))"
        var pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        let names = Set(pods.compactMap { $0.object[path: ["metadata", "name"]]?.stringValue })
        for ordinal in 0..<max(desired, 0) where !names.contains("\(key.name)-\(ordinal)") {
            for claim in set[path: ["spec", "volumeClaimTemplates"]]?.arrayValue ?? [] {
                await createClaim(claim, set: key, ordinal: ordinal)
            }
            let pod = PodTemplates.pod(named: "\(key.name)-\(ordinal)", namespace: key.namespace, template: template, owner: set,
                                       ownerKind: "StatefulSet",
                                       extraLabels: ["statefulset.kubernetes.io/pod-name": "\(key.name)-\(ordinal)",
                                                     "controller-revision-hash": revision,
                                                     "apps.kubernetes.io/pod-index": String(ordinal)])
            if let created = await client.create(pod, resource: ControllerClient.pods) { pods.append(created) }
        }
        for pod in pods {
            let name = pod.object[path: ["metadata", "name"]]?.stringValue ?? ""
            if let ordinal = Int(name.dropFirst(key.name.count + 1)), ordinal >= desired {
                await client.delete(ControllerClient.key(of: pod.object, resource: ControllerClient.pods))
            }
        }
        pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        let ready = Int64(pods.filter { PodTemplates.isReady($0.object) }.count)
        let count = Int64(pods.count)
        await client.update(key) { object in
            var status: JSONObject = ["observedGeneration": object[path: ["metadata", "generation"]] ?? 1,
                                      "replicas": .int(count), "currentReplicas": .int(count), "updatedReplicas": .int(count),
                                      "currentRevision": .string(revision), "updateRevision": .string(revision),
                                      "collisionCount": 0, "availableReplicas": .int(ready)]
            if ready > 0 { status["readyReplicas"] = .int(ready) }
            object["status"] = .object(status)
        }
    }

    private func createClaim(_ template: JSON, set: ObjectKey, ordinal: Int) async {
        let name = "\(template[path: ["metadata", "name"]]?.stringValue ?? "data")-\(set.name)-\(ordinal)"
        let key = ObjectKey(resource: GroupResource(group: "", resource: "persistentvolumeclaims"), namespace: set.namespace, name: name)
        if await client.get(key) != nil { return }
        var claim: JSON = ["apiVersion": "v1", "kind": "PersistentVolumeClaim",
                           "metadata": ["name": .string(name), "namespace": .string(set.namespace)],
                           "spec": template["spec"] ?? .object([:])]
        if let labels = template[path: ["metadata", "labels"]] { claim[path: ["metadata", "labels"]] = labels }
        await client.create(claim, resource: key.resource)
    }
}
