import Foundation
import Manifests

/// The simulated scheduler and kubelet: a pod is bound to `local-node` and starts running (Ready)
/// after a short delay; its containers then run as `SimulatedRun` reads them: until stopped, or for
/// a while and then end — Succeeded or Failed for pods that do not restart, `CrashLoopBackOff`
/// with growing back-off (10 s doubling to 5 min) for those that do. A pod whose image matches an
/// unpullable pattern stays Pending in `ErrImagePull` / `ImagePullBackOff` (alternating, as a real
/// kubelet's back-off does).
struct PodLifecycle: Sendable {
    let client: ControllerClient
    let options: LocalClusterOptions

    /// Advances one pod; returns cluster seconds until it wants to be looked at again (nil: settled).
    func reconcile(_ key: ObjectKey) async -> Double? {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return nil }
        let pod = stored.object
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        if phase == "Succeeded" || phase == "Failed" { return nil }
        let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        let unpullable = options.unpullableImagePatterns
        let blocked = containers.contains { ImagePattern.matchesAny($0["image"]?.stringValue ?? "", unpullable) }
        let restartPolicy = pod[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
        let run = SimulatedRun.of(pod: pod, failingImages: options.failingImagePatterns)
        let now = Timestamps.now()
        let events = EventRecorder(client: client)
        if (pod[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty {
            // The scheduler's part: a bare pod is bound to the one node.
            await client.update(key) { object in Scheduling.bind(&object) }
        }
        if blocked {
            await client.update(key) { object in PodStatus.imagePullFailing(&object, now: now) }
            let image = containers.compactMap { $0["image"]?.stringValue }.first { ImagePattern.matchesAny($0, unpullable) } ?? ""
            await events.record(pod, kind: "Pod", apiVersion: "v1", type: "Warning", reason: "Failed",
                                message: "Failed to pull image \"\(image)\": failed to resolve reference \"\(image)\": not found",
                                component: "kubelet")
            await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "BackOff", message: "Back-off pulling image \"\(image)\"",
                                component: "kubelet")
            return 5
        }
        if phase == "Pending" {
            await client.update(key) { object in PodStatus.running(&object, now: now) }
            await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Scheduled",
                                message: "Successfully assigned \(key.namespace)/\(key.name) to local-node", component: "default-scheduler")
            await recordStarts(pod, events: events)
            return run.seconds
        }
        guard let seconds = run.seconds else { return nil }
        let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
        let first = statuses.first ?? .object([:])
        if let waiting = first[path: ["state", "waiting", "reason"]]?.stringValue, waiting == "CrashLoopBackOff" {
            let backoff = Self.backoff(restarts: first["restartCount"]?.intValue ?? 1)
            let since = elapsed(since: first[path: ["lastState", "terminated", "finishedAt"]]?.stringValue)
            if since < Double(backoff) { return Double(backoff) - since }
            await client.update(key) { object in PodStatus.restarted(&object, now: now) }
            await recordStarts(pod, events: events)
            return seconds
        }
        let ran = elapsed(since: first[path: ["state", "running", "startedAt"]]?.stringValue)
        if ran < seconds { return seconds - ran }
        switch (run.exitCode, restartPolicy) {
        case (0, "Never"), (0, "OnFailure"):
            await client.update(key) { object in PodStatus.completed(&object, now: now) }
            return nil
        case (_, "Never"):
            await client.update(key) { object in PodStatus.failed(&object, run: run, now: now) }
            return nil
        default:
            let backoff = Self.backoff(restarts: (first["restartCount"]?.intValue ?? 0) + 1)
            await client.update(key) { object in PodStatus.crashed(&object, run: run, backoff: backoff, now: now) }
            await events.record(pod, kind: "Pod", apiVersion: "v1", type: "Warning", reason: "BackOff",
                                message: "Back-off restarting failed container \(containers.first?["name"]?.stringValue ?? "") in pod \(key.name)_\(key.namespace)(\(pod[path: ["metadata", "uid"]]?.stringValue ?? ""))",
                                component: "kubelet")
            return Double(backoff)
        }
    }

    /// The kubelet's crash back-off: 10 s doubling per restart, at most five minutes.
    static func backoff(restarts: Int64) -> Int {
        min(300, 10 << Int(min(max(restarts - 1, 0), 5)))
    }

    /// Cluster seconds since a timestamp (real seconds times the time scale).
    private func elapsed(since timestamp: String?) -> Double {
        guard let date = timestamp.flatMap(Timestamps.parse) else { return .infinity }
        return Date().timeIntervalSince(date) * max(options.timeScale, 0.001)
    }

    private func recordStarts(_ pod: JSON, events: EventRecorder) async {
        for container in pod[path: ["spec", "containers"]]?.arrayValue ?? [] {
            let name = container["name"]?.stringValue ?? ""
            await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Pulled",
                                message: "Container image \"\(container["image"]?.stringValue ?? "")\" already present on machine",
                                component: "kubelet")
            await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Created", message: "Created container: \(name)", component: "kubelet")
            await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Started", message: "Started container \(name)", component: "kubelet")
        }
    }
}
