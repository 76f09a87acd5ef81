import Manifests

/// Job: runs pods until `completions` have succeeded, then `SuccessCriteriaMet` and `Complete`
/// conditions, `succeeded`, `startTime` and `completionTime`, as the 1.32 job controller reports.
struct JobController: Sendable {
    let client: ControllerClient

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let job = stored.object
        if (job[path: ["status", "conditions"]]?.arrayValue ?? []).contains(where: { $0["type"]?.stringValue == "Complete" }) { return }
        if job[path: ["spec", "suspend"]]?.boolValue == true { return }
        let uid = job[path: ["metadata", "uid"]]?.stringValue ?? ""
        let completions = job[path: ["spec", "completions"]]?.intValue ?? 1
        let parallelism = job[path: ["spec", "parallelism"]]?.intValue ?? 1
        var pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        let succeeded = Int64(pods.filter { PodTemplates.phase($0.object) == "Succeeded" }.count)
        var active = Int64(pods.filter { !["Succeeded", "Failed"].contains(PodTemplates.phase($0.object)) }.count)
        let template = job[path: ["spec", "template"]] ?? .object([:])
        while active < min(parallelism, completions - succeeded) {
            let pod = PodTemplates.pod(named: "\(key.name)-\(GeneratedNames.suffix())", namespace: key.namespace, template: template,
                                       owner: job, ownerKind: "Job", ownerAPIVersion: "batch/v1",
                                       extraLabels: ["batch.kubernetes.io/controller-uid": uid, "controller-uid": uid])
            if let created = await client.create(pod, resource: ControllerClient.pods) { pods.append(created) }
            active += 1
        }
        let now = Timestamps.now()
        let ready = Int64(pods.filter { PodTemplates.isReady($0.object) }.count)
        await client.update(key) { object in
            var status = object["status"]?.objectValue ?? JSONObject()
            if status["startTime"] == nil { status["startTime"] = .string(now) }
            status["active"] = active > 0 && succeeded < completions ? .int(active) : nil
            status["ready"] = .int(ready)
            status["terminating"] = 0
            status["succeeded"] = succeeded > 0 ? .int(succeeded) : nil
            status["uncountedTerminatedPods"] = .object([:])
            if succeeded >= completions {
                status["active"] = nil
                status["completionTime"] = .string(now)
                status["conditions"] = [
                    ["type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": .string(now), "lastTransitionTime": .string(now),
                     "reason": "CompletionsReached", "message": "Reached expected number of succeeded pods"],
                    ["type": "Complete", "status": "True", "lastProbeTime": .string(now), "lastTransitionTime": .string(now),
                     "reason": "CompletionsReached", "message": "Reached expected number of succeeded pods"],
                ]
            }
            object["status"] = .object(status)
        }
    }
}
