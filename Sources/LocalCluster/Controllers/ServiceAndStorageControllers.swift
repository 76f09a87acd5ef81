import Manifests

/// The small controllers: PersistentVolumeClaims get a PersistentVolume and are Bound;
/// LoadBalancer Services and Ingresses get an address on 127.0.0.x.
struct ServiceAndStorageControllers: Sendable {
    let client: ControllerClient

    func bindClaim(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["status", "phase"]]?.stringValue != "Bound",
              stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let claim = stored.object
        let uid = claim[path: ["metadata", "uid"]]?.stringValue ?? ""
        let volumeName = "pvc-\(uid)"
        let capacity = claim[path: ["spec", "resources", "requests", "storage"]] ?? "1Gi"
        let modes = claim[path: ["spec", "accessModes"]] ?? ["ReadWriteOnce"]
        let storageClass = claim[path: ["spec", "storageClassName"]] ?? "standard"
        var volume: JSON = [
            "apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": ["name": .string(volumeName), "annotations": ["pv.kubernetes.io/provisioned-by": "mooring.dev/local-path"]],
            "spec": ["capacity": ["storage": capacity], "accessModes": modes, "persistentVolumeReclaimPolicy": "Delete",
                     "storageClassName": storageClass, "volumeMode": "Filesystem",
                     "hostPath": ["path": .string("/var/lib/mooring/volumes/\(volumeName)"), "type": ""],
                     "claimRef": ["kind": "PersistentVolumeClaim", "namespace": .string(key.namespace), "name": .string(key.name),
                                  "uid": .string(uid), "apiVersion": "v1"]],
        ]
        let volumes = GroupResource(group: "", resource: "persistentvolumes")
        if await client.get(ObjectKey(resource: volumes, namespace: "", name: volumeName)) == nil,
           let created = await client.create(volume, resource: volumes) {
            volume = created.object
            await client.update(ObjectKey(resource: volumes, namespace: "", name: volumeName)) { $0["status"] = ["phase": "Bound"] }
        }
        await client.update(key) { object in
            object[path: ["spec", "volumeName"]] = .string(volumeName)
            if object[path: ["spec", "storageClassName"]] == nil { object[path: ["spec", "storageClassName"]] = storageClass }
            object[path: ["metadata", "annotations", "pv.kubernetes.io/bind-completed"]] = "yes"
            object["status"] = ["phase": "Bound", "accessModes": modes, "capacity": ["storage": capacity]]
        }
    }

    func assignAddress(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let isService = key.resource.resource == "services"
        if isService && stored.object[path: ["spec", "type"]]?.stringValue != "LoadBalancer" { return }
        if !(stored.object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).isEmpty { return }
        let address = "127.0.0.\(2 + (key.path.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % 250))"
        await client.update(key) { object in
            var ingress: JSONObject = ["ip": .string(address)]
            if isService { ingress["ipMode"] = "VIP" }
            object[path: ["status", "loadBalancer"]] = ["ingress": [.object(ingress)]]
        }
    }
}
