import Foundation
import Manifests

/// The pod status the simulated kubelet writes: conditions, addresses and container states for a
/// pod that runs, completes, fails, crash-loops or cannot pull its image.
enum PodStatus {
    static func baseConditions(ready: Bool, now: String) -> JSON {
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

    static func podIP(_ pod: JSON) -> String {
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

    /// The containers ended: Failed (restartPolicy Never) with the exit code and message.
    static func failed(_ pod: inout JSON, run: SimulatedRun, now: String) {
        var status = pod["status"]?.objectValue ?? JSONObject()
        status["phase"] = "Failed"
        var conditions = baseConditions(ready: false, now: now).arrayValue ?? []
        for index in conditions.indices where conditions[index]["reason"] != nil { conditions[index]["reason"] = "PodFailed" }
        status["conditions"] = .array(conditions)
        status["containerStatuses"] = .array((status["containerStatuses"]?.arrayValue ?? []).map { container in
            var copy = container
            copy["ready"] = false
            copy["started"] = false
            copy["state"] = ["terminated": terminated(container, run: run, now: now)]
            return copy
        })
        pod["status"] = .object(status)
    }

    /// The containers exited and the kubelet will restart them after `backoff` seconds:
    /// `CrashLoopBackOff`, one more restart, the exit in `lastState`.
    static func crashed(_ pod: inout JSON, run: SimulatedRun, backoff: Int, now: String) {
        var status = pod["status"]?.objectValue ?? JSONObject()
        let podName = pod[path: ["metadata", "name"]]?.stringValue ?? ""
        let namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? ""
        let uid = pod[path: ["metadata", "uid"]]?.stringValue ?? ""
        status["conditions"] = baseConditions(ready: false, now: now)
        status["containerStatuses"] = .array((status["containerStatuses"]?.arrayValue ?? []).map { container in
            var copy = container
            let name = container["name"]?.stringValue ?? ""
            copy["ready"] = false
            copy["started"] = false
            copy["restartCount"] = .int((container["restartCount"]?.intValue ?? 0) + 1)
            copy["lastState"] = ["terminated": terminated(container, run: run, now: now)]
            copy["state"] = ["waiting": ["reason": "CrashLoopBackOff",
                                         "message": .string("back-off \(backoff)s restarting failed container=\(name) pod=\(podName)_\(namespace)(\(uid))")]]
            return copy
        })
        pod["status"] = .object(status)
    }

    /// A crash-looping pod's containers start again (keeping their restart count and last state).
    static func restarted(_ pod: inout JSON, now: String) {
        let previous = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
        running(&pod, now: now)
        pod[path: ["status", "containerStatuses"]] = .array((pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).map { container in
            var copy = container
            if let old = previous.first(where: { $0["name"] == container["name"] }) {
                copy["restartCount"] = old["restartCount"] ?? 0
                copy["lastState"] = old["lastState"] ?? .object([:])
            }
            return copy
        })
    }

    private static func terminated(_ container: JSON, run: SimulatedRun, now: String) -> JSON {
        var state: JSONObject = ["exitCode": .int(Int64(run.exitCode)), "reason": run.exitCode == 0 ? "Completed" : "Error",
                                 "startedAt": container[path: ["state", "running", "startedAt"]] ?? .string(now),
                                 "finishedAt": .string(now), "containerID": container["containerID"] ?? ""]
        if !run.message.isEmpty { state["message"] = .string(run.message) }
        return .object(state)
    }
}
