import Manifests

/// DaemonSet: one pod on the cluster's single node, `local-node`, from the template's
/// ControllerRevision; a changed template replaces it.
struct DaemonSetController: Sendable {
    let client: ControllerClient

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let set = stored.object
        let uid = set[path: ["metadata", "uid"]]?.stringValue ?? ""
        let revisions = ControllerRevisions(client: client)
        let update = await revisions.current(of: set, kind: "DaemonSet", namespace: key.namespace)
        let template = update.template
        let hash = update.hash
        var pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        let current = pods.filter { $0.object[path: ["metadata", "labels", "controller-revision-hash"]]?.stringValue == hash }
        for stale in pods where !current.contains(where: { $0.resourceVersion == stale.resourceVersion }) {
            await client.delete(ControllerClient.key(of: stale.object, resource: ControllerClient.pods))
        }
        if current.isEmpty {
            let pod = PodTemplates.pod(named: "\(key.name)-\(GeneratedNames.suffix())", namespace: key.namespace, template: template,
                                       owner: set, ownerKind: "DaemonSet",
                                       extraLabels: ["controller-revision-hash": hash,
                                                     "pod-template-generation": String(set[path: ["metadata", "generation"]]?.intValue ?? 1)])
            await client.create(pod, resource: ControllerClient.pods)
        }
        pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        await revisions.prune(of: set, namespace: key.namespace, keeping: [update.name])
        let ready: Int64 = pods.contains { PodTemplates.isReady($0.object) } ? 1 : 0
        await client.update(key) { object in
            var status: JSONObject = ["currentNumberScheduled": 1, "desiredNumberScheduled": 1, "numberMisscheduled": 0,
                                      "numberReady": .int(ready), "observedGeneration": object[path: ["metadata", "generation"]] ?? 1,
                                      "updatedNumberScheduled": 1]
            if ready > 0 { status["numberAvailable"] = .int(ready) } else { status["numberUnavailable"] = 1 }
            object["status"] = .object(status)
        }
    }
}
