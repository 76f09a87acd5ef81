import Foundation
import Manifests

/// The simulated scheduler and kubelet: a pod is bound to `local-node` and starts running (Ready) after a short
/// delay; a pod whose image matches an unpullable pattern stays Pending with its container
/// waiting in `ErrImagePull` / `ImagePullBackOff` (alternating, as a real kubelet's back-off
/// does); a pod that never restarts (Job pods) completes.
struct PodLifecycle: Sendable {
    let client: ControllerClient
    let unpullable: [String]

    /// Advances one pod; returns seconds until it wants to be looked at again (nil: settled).
    func reconcile(_ key: ObjectKey) async -> Double? {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return nil }
        let pod = stored.object
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        if phase == "Succeeded" || phase == "Failed" { return nil }
        let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        let blocked = containers.contains { ImagePattern.matchesAny($0["image"]?.stringValue ?? "", unpullable) }
        let restartPolicy = pod[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
        let now = Timestamps.now()
        let events = EventRecorder(client: client)
        if (pod[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty {
            // The scheduler's part: a bare pod is bound to the one node.
            await client.update(key) { object in Scheduling.bind(&object) }
        }
        if blocked {
            await client.update(key) { object in Self.imagePullFailing(&object, now: now) }
            let image = containers.compactMap { $0["image"]?.stringValue }.first { ImagePattern.matchesAny($0, unpullable) } ?? ""
            await events.record(pod, kind: "Pod", apiVersion: "v1", type: "Warning", reason: "Failed",
                                message: "Failed to pull image \"\(image)\": failed to resolve reference \"\(image)\": not found",
                                component: "kubelet")
            await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "BackOff", message: "Back-off pulling image \"\(image)\"",
                                component: "kubelet")
            return 5
        }
        if phase == "Running" && restartPolicy != "Always" {
            await client.update(key) { object in Self.completed(&object, now: now) }
            return nil
        }
        if phase == "Pending" {
            await client.update(key) { object in Self.running(&object, now: now) }
            await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Scheduled",
                                message: "Successfully assigned \(key.namespace)/\(key.name) to local-node", component: "default-scheduler")
            for container in containers {
                let name = container["name"]?.stringValue ?? ""
                await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Pulled",
                                    message: "Container image \"\(container["image"]?.stringValue ?? "")\" already present on machine",
                                    component: "kubelet")
                await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Created", message: "Created container: \(name)", component: "kubelet")
                await events.record(pod, kind: "Pod", apiVersion: "v1", reason: "Started", message: "Started container \(name)", component: "kubelet")
            }
            return restartPolicy == "Always" ? nil : 2
        }
        return nil
    }

    private static func baseConditions(ready: Bool, now: String) -> JSON {
        let readiness: JSON = ready ? "True" : "False"
        var conditions: [JSON] = [
            ["type": "PodReadyToStartContainers", "status": readiness, "lastProbeTime": .null, "lastTransitionTime": .string(now)],
            ["type": "Initialized", "status": "True", "lastProbeTime": .null, "lastTransitionTime": .string(now)],
            ["type": "Ready", "status": readiness, "lastProbeTime": .null, "lastTransitionTime": .string(now)],
            ["type": "ContainersReady", "status": readiness, "lastProbeTime": .null, "lastTransitionTime": .string(now)],
            ["type": "PodScheduled", "status": "True", "lastProbeTime": .null, "lastTransitionTime": .string(now)],
        ]
        if !ready {
            conditions[2]["reason"] = "ContainersNotReady"
            conditions[3]["reason"] = "ContainersNotReady"
        }
        return .array(conditions)
    }

    private static func podIP(_ pod: JSON) -> String {
        let uid = pod[path: ["metadata", "uid"]]?.stringValue ?? ""
        let n = uid.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
        return "10.244.\(n / 250 % 250).\(n % 250 + 2)"
    }

    static func running(_ pod: inout JSON, now: String) {
        var status = pod["status"]?.objectValue ?? JSONObject()
        status["phase"] = "Running"
        status["conditions"] = baseConditions(ready: true, now: now)
        status["hostIP"] = "127.0.0.1"
        status["hostIPs"] = [["ip": "127.0.0.1"]]
        status["podIP"] = .string(podIP(pod))
        status["podIPs"] = [["ip": .string(podIP(pod))]]
        if status["startTime"] == nil { status["startTime"] = .string(now) }
        status["containerStatuses"] = .array((pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { container in
            let image = container["image"]?.stringValue ?? ""
            return ["name": container["name"] ?? "", "image": .string(image),
                    "imageID": .string(Self.qualified(image) + "@sha256:" + String(repeating: "0", count: 64)),
                    "containerID": .string("containerd://" + GeneratedNames.templateHash(.string(image + now))),
                    "ready": true, "started": true, "restartCount": 0,
                    "state": ["running": ["startedAt": .string(now)]], "lastState": .object([:])]
        })
        pod["status"] = .object(status)
    }

    /// `nginx:1.25` → `docker.io/library/nginx:1.25`; references with a registry host stay as they are.
    static func qualified(_ image: String) -> String {
        let first = image.split(separator: "/").first.map(String.init) ?? image
        if image.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost") { return image }
        return image.contains("/") ? "docker.io/\(image)" : "docker.io/library/\(image)"
    }

    static func imagePullFailing(_ pod: inout JSON, now: String) {
        var status = pod["status"]?.objectValue ?? JSONObject()
        let previous = (status["containerStatuses"]?.arrayValue ?? []).first?[path: ["state", "waiting", "reason"]]?.stringValue
        // The first failure is ErrImagePull; then the kubelet backs off and the two alternate.
        let reason = previous == "ErrImagePull" ? "ImagePullBackOff" : "ErrImagePull"
        status["phase"] = "Pending"
        status["conditions"] = baseConditions(ready: false, now: now)
        status["hostIP"] = "127.0.0.1"
        status["podIP"] = .string(podIP(pod))
        if status["startTime"] == nil { status["startTime"] = .string(now) }
        status["containerStatuses"] = .array((pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { container in
            let image = container["image"]?.stringValue ?? ""
            let message = reason == "ImagePullBackOff"
                ? "Back-off pulling image \"\(image)\""
                : "failed to pull and unpack image \"\(image)\": failed to resolve reference \"\(image)\": not found"
            return ["name": container["name"] ?? "", "image": .string(image), "imageID": "", "ready": false, "started": false,
                    "restartCount": 0, "state": ["waiting": ["reason": .string(reason), "message": .string(message)]],
                    "lastState": .object([:])]
        })
        pod["status"] = .object(status)
    }

    static func completed(_ pod: inout JSON, now: String) {
        var status = pod["status"]?.objectValue ?? JSONObject()
        status["phase"] = "Succeeded"
        var conditions = (baseConditions(ready: false, now: now).arrayValue ?? [])
        for index in conditions.indices where conditions[index]["reason"] != nil { conditions[index]["reason"] = "PodCompleted" }
        status["conditions"] = .array(conditions)
        status["containerStatuses"] = .array((status["containerStatuses"]?.arrayValue ?? []).map { container in
            var copy = container
            let started = container[path: ["state", "running", "startedAt"]] ?? .string(now)
            copy["ready"] = false
            copy["started"] = false
            copy["state"] = ["terminated": ["exitCode": 0, "reason": "Completed", "startedAt": started, "finishedAt": .string(now),
                                            "containerID": container["containerID"] ?? ""]]
            return copy
        })
        pod["status"] = .object(status)
    }
}
