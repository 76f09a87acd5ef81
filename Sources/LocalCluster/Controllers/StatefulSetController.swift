import Manifests

/// The statefulset controller: pods `<name>-<ordinal>` with a stable hostname and subdomain and a
/// PersistentVolumeClaim per volume claim template and ordinal, mounted as the template's volume.
/// `OrderedReady` creates them one at a time in order, each once the one before is Ready, and
/// removes them from the highest ordinal (`Parallel` does both at once). Templates are kept as
/// ControllerRevisions; a RollingUpdate replaces pods from the highest ordinal down to the
/// partition, one at a time, and `currentRevision` follows once every pod is updated.
struct StatefulSetController: Sendable {
    let client: ControllerClient
    static let claims = GroupResource(group: "", resource: "persistentvolumeclaims")

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let set = stored.object
        let uid = set[path: ["metadata", "uid"]]?.stringValue ?? ""
        let desired = Int(set[path: ["spec", "replicas"]]?.intValue ?? 1)
        let start = Int(set[path: ["spec", "ordinals", "start"]]?.intValue ?? 0)
        let parallel = set[path: ["spec", "podManagementPolicy"]]?.stringValue == "Parallel"
        let rolling = set[path: ["spec", "updateStrategy", "type"]]?.stringValue != "OnDelete"
        let partition = Int(set[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]]?.intValue ?? 0)
        let revisions = ControllerRevisions(client: client)
        let update = await revisions.current(of: set, kind: "StatefulSet", namespace: key.namespace)
        let history = await revisions.all(of: set, namespace: key.namespace)
        let currentName = set[path: ["status", "currentRevision"]]?.stringValue ?? update.name
        let current = history.first { $0.name == currentName } ?? update

        var pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        func ordinal(_ pod: StoredObject) -> Int? {
            Int((pod.object[path: ["metadata", "name"]]?.stringValue ?? "").dropFirst(key.name.count + 1))
        }
        func revision(_ pod: StoredObject) -> String { pod.object[path: ["metadata", "labels", "controller-revision-hash"]]?.stringValue ?? "" }
        let existing = Dictionary(pods.compactMap { pod in ordinal(pod).map { ($0, pod) } }, uniquingKeysWith: { a, _ in a })
        var waiting = false

        // Create missing pods in order (OrderedReady waits for each to be Ready).
        for index in start..<(start + max(desired, 0)) {
            if let pod = existing[index] {
                if !parallel && !PodTemplates.isReady(pod.object) { waiting = true; break }
                continue
            }
            let revision = index - start < partition && rolling ? current : update
            await createPod(index, set: set, key: key, revision: revision)
            if !parallel { waiting = true; break }
        }
        // Scale down from the highest ordinal.
        let extra = existing.keys.filter { $0 < start || $0 >= start + desired }.sorted(by: >)
        for index in extra {
            if !parallel && (waiting || existing.values.contains { !PodTemplates.isReady($0.object) }) { break }
            await deletePod(existing[index]!, set: set)
            if !parallel { waiting = true; break }
        }
        // Rolling update: the highest outdated ordinal at or above the partition, once all are Ready.
        if rolling && !waiting && extra.isEmpty && existing.count == desired
            && existing.values.allSatisfy({ PodTemplates.isReady($0.object) }) {
            if let outdated = existing.keys.sorted(by: >).first(where: { $0 - start >= partition && revision(existing[$0]!) != update.name }) {
                await deletePod(existing[outdated]!, set: set)
            }
        }

        pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        let ready = Int64(pods.filter { PodTemplates.isReady($0.object) }.count)
        let count = Int64(pods.count)
        let updated = Int64(pods.filter { revision($0) == update.name }.count)
        let atCurrent = Int64(pods.filter { revision($0) == current.name }.count)
        let complete = updated == Int64(desired) && count == Int64(desired)
        await revisions.prune(of: set, namespace: key.namespace, keeping: Set(pods.map(revision)).union([update.name, current.name]))
        await client.update(key) { object in
            var status: JSONObject = ["observedGeneration": object[path: ["metadata", "generation"]] ?? 1,
                                      "replicas": .int(count), "currentReplicas": .int(complete ? updated : atCurrent),
                                      "updatedReplicas": .int(updated),
                                      "currentRevision": .string(complete ? update.name : current.name), "updateRevision": .string(update.name),
                                      "collisionCount": 0, "availableReplicas": .int(ready)]
            if ready > 0 { status["readyReplicas"] = .int(ready) }
            object["status"] = .object(status)
        }
    }

    private func createPod(_ index: Int, set: JSON, key: ObjectKey, revision: ControllerRevisions.Revision) async {
        let name = "\(key.name)-\(index)"
        var template = revision.template
        var volumes = template[path: ["spec", "volumes"]]?.arrayValue ?? []
        for claim in set[path: ["spec", "volumeClaimTemplates"]]?.arrayValue ?? [] {
            let claimName = claim[path: ["metadata", "name"]]?.stringValue ?? "data"
            await createClaim(claim, set: set, key: key, ordinal: index)
            volumes.removeAll { $0["name"]?.stringValue == claimName }
            volumes.append(["name": .string(claimName), "persistentVolumeClaim": ["claimName": .string("\(claimName)-\(name)")]])
        }
        if !volumes.isEmpty { template[path: ["spec", "volumes"]] = .array(volumes) }
        template[path: ["spec", "hostname"]] = .string(name)
        if let service = set[path: ["spec", "serviceName"]]?.stringValue, !service.isEmpty {
            template[path: ["spec", "subdomain"]] = .string(service)
        }
        let pod = PodTemplates.pod(named: name, namespace: key.namespace, template: template, owner: set, ownerKind: "StatefulSet",
                                   extraLabels: ["statefulset.kubernetes.io/pod-name": name, "controller-revision-hash": revision.name,
                                                 "apps.kubernetes.io/pod-index": String(index)])
        if await client.create(pod, resource: ControllerClient.pods) != nil {
            await EventRecorder(client: client).record(set, kind: "StatefulSet", apiVersion: "apps/v1", reason: "SuccessfulCreate",
                                                       message: "create Pod \(name) in StatefulSet \(key.name) successful",
                                                       component: "statefulset-controller")
        }
    }

    private func deletePod(_ pod: StoredObject, set: JSON) async {
        let name = pod.object[path: ["metadata", "name"]]?.stringValue ?? ""
        await client.delete(ControllerClient.key(of: pod.object, resource: ControllerClient.pods))
        await EventRecorder(client: client).record(set, kind: "StatefulSet", apiVersion: "apps/v1", reason: "SuccessfulDelete",
                                                   message: "delete Pod \(name) in StatefulSet \(set[path: ["metadata", "name"]]?.stringValue ?? "") successful",
                                                   component: "statefulset-controller")
    }

    /// `<template>-<set>-<ordinal>`, labelled with the template's and the set's selector labels.
    private func createClaim(_ template: JSON, set: JSON, key: ObjectKey, ordinal: Int) async {
        let name = "\(template[path: ["metadata", "name"]]?.stringValue ?? "data")-\(key.name)-\(ordinal)"
        let claimKey = ObjectKey(resource: Self.claims, namespace: key.namespace, name: name)
        if await client.get(claimKey) != nil { return }
        var labels = template[path: ["metadata", "labels"]]?.objectValue ?? JSONObject()
        for (label, value) in set[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:] { labels[label] = value }
        var claim: JSON = ["apiVersion": "v1", "kind": "PersistentVolumeClaim",
                           "metadata": ["name": .string(name), "namespace": .string(key.namespace)],
                           "spec": template["spec"] ?? .object([:])]
        if !labels.isEmpty { claim[path: ["metadata", "labels"]] = .object(labels) }
        // persistentVolumeClaimRetentionPolicy whenDeleted: Delete makes the set the claim's owner.
        if set[path: ["spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"]]?.stringValue == "Delete" {
            var owner = ControllerClient.ownerReference(to: set, kind: "StatefulSet", apiVersion: "apps/v1")
            owner["controller"] = true
            claim[path: ["metadata", "ownerReferences"]] = [owner]
        }
        await client.create(claim, resource: Self.claims)
    }
}
