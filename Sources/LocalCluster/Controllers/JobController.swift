import Foundation
import Manifests

/// The job controller (1.32): runs pods until `completions` have succeeded, then the
/// `SuccessCriteriaMet` and `Complete` conditions; a failed pod (or, with restartPolicy OnFailure,
/// a container restart) counts against `backoffLimit`, replacements come after a back-off of 10 s
/// doubling, and past the limit, or past `activeDeadlineSeconds`, the Job ends with
/// `FailureTarget` and `Failed` (`BackoffLimitExceeded`, `DeadlineExceeded`) and its running pods go.
struct JobController: Sendable {
    let client: ControllerClient
    let timeScale: Double

    /// Returns cluster seconds until it wants another look (nil: settled or waiting for pods).
    func reconcile(_ key: ObjectKey) async -> Double? {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return nil }
        let job = stored.object
        let finished = (job[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            ["Complete", "Failed"].contains($0["type"]?.stringValue ?? "") && $0["status"] == "True"
        }
        if finished || job[path: ["spec", "suspend"]]?.boolValue == true { return nil }
        let uid = job[path: ["metadata", "uid"]]?.stringValue ?? ""
        let completions = job[path: ["spec", "completions"]]?.intValue ?? 1
        let parallelism = job[path: ["spec", "parallelism"]]?.intValue ?? 1
        let backoffLimit = job[path: ["spec", "backoffLimit"]]?.intValue ?? 6
        var pods = await client.owned(ControllerClient.pods, namespace: key.namespace, by: uid)
        let succeeded = Int64(pods.filter { PodTemplates.phase($0.object) == "Succeeded" }.count)
        let failedPods = pods.filter { PodTemplates.phase($0.object) == "Failed" }
        let restarts = pods.reduce(Int64(0)) { sum, pod in
            sum + (pod.object[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reduce(0) { $0 + ($1["restartCount"]?.intValue ?? 0) }
        }
        let failed = Int64(failedPods.count) + restarts
        var active = pods.filter { !["Succeeded", "Failed"].contains(PodTemplates.phase($0.object)) }
        let now = Date()
        let nowText = Timestamps.format(now)
        let started = job[path: ["status", "startTime"]]?.stringValue.flatMap(Timestamps.parse) ?? now
        let deadline = job[path: ["spec", "activeDeadlineSeconds"]]?.intValue.map { started + Double($0) / max(timeScale, 0.001) }

        var failure: (reason: String, message: String)?
        if failed > backoffLimit {
            failure = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
        } else if let deadline, now >= deadline {
            failure = ("DeadlineExceeded", "Job was active longer than specified deadline")
        }
        var again: Double?
        if let failure {
            for pod in active { await client.delete(ControllerClient.key(of: pod.object, resource: ControllerClient.pods)) }
            active = []
            await EventRecorder(client: client).record(job, kind: "Job", apiVersion: "batch/v1", type: "Warning", reason: failure.reason,
                                                       message: failure.message, component: "job-controller")
        } else if Int64(active.count) < min(parallelism, completions - succeeded) {
            // Replacements wait out the back-off after the last failure.
            let newest = failedPods.compactMap { pod -> Date? in
                (pod.object[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "terminated", "finishedAt"]]?.stringValue)
                    .flatMap(Timestamps.parse)
            }.max()
            let wait = failedPods.isEmpty ? 0 : Double(min(360, 10 << Int(min(failedPods.count - 1, 6))))
            let waited = newest.map { now.timeIntervalSince($0) * max(timeScale, 0.001) } ?? .infinity
            if waited < wait {
                again = wait - waited
            } else {
                let template = job[path: ["spec", "template"]] ?? .object([:])
                while Int64(active.count) < min(parallelism, completions - succeeded) {
                    let pod = PodTemplates.pod(named: "\(key.name)-\(GeneratedNames.suffix())", namespace: key.namespace, template: template,
                                               owner: job, ownerKind: "Job", ownerAPIVersion: "batch/v1",
                                               extraLabels: ["batch.kubernetes.io/controller-uid": uid, "controller-uid": uid])
                    guard let created = await client.create(pod, resource: ControllerClient.pods) else { break }
                    active.append(created)
                    pods.append(created)
                    await EventRecorder(client: client).record(job, kind: "Job", apiVersion: "batch/v1", reason: "SuccessfulCreate",
                                                               message: "Created pod: \(created.object[path: ["metadata", "name"]]?.stringValue ?? "")",
                                                               component: "job-controller")
                }
            }
        }
        if failure == nil, let deadline, again == nil { again = max(0.05, deadline.timeIntervalSince(now) * max(timeScale, 0.001)) }
        let ready = Int64(active.filter { PodTemplates.isReady($0.object) }.count)
        let activeCount = Int64(active.count)
        await client.update(key) { object in
            // A look that began before another ended the Job must not rewrite its final counts.
            let ended = (object[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
                ["Complete", "Failed"].contains($0["type"]?.stringValue ?? "") && $0["status"] == "True"
            }
            if ended { return }
            var status = object["status"]?.objectValue ?? JSONObject()
            if status["startTime"] == nil { status["startTime"] = .string(nowText) }
            status["active"] = activeCount > 0 && succeeded < completions ? .int(activeCount) : nil
            status["ready"] = .int(ready)
            status["terminating"] = 0
            status["succeeded"] = succeeded > 0 ? .int(succeeded) : nil
            status["failed"] = failed > 0 ? .int(failed) : nil
            status["uncountedTerminatedPods"] = .object([:])
            func condition(_ type: String, _ reason: String, _ message: String) -> JSON {
                ["type": .string(type), "status": "True", "lastProbeTime": .string(nowText), "lastTransitionTime": .string(nowText),
                 "reason": .string(reason), "message": .string(message)]
            }
            if let failure {
                status["active"] = nil
                status["conditions"] = [condition("FailureTarget", failure.reason, failure.message),
                                        condition("Failed", failure.reason, failure.message)]
            } else if succeeded >= completions {
                status["active"] = nil
                status["completionTime"] = .string(nowText)
                status["conditions"] = [condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"),
                                        condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods")]
            }
            object["status"] = .object(status)
        }
        return again
    }
}
