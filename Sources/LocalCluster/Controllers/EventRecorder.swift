import Foundation
import Manifests

/// Records core/v1 Events about objects, as controllers and the kubelet do, so `kubectl describe`
/// and `kubectl get events` show what happened; a repeat of the same reason and message bumps
/// `count` and `lastTimestamp` instead of adding an event.
struct EventRecorder: Sendable {
    let client: ControllerClient
    static let events = GroupResource(group: "", resource: "events")

    func record(_ object: JSON, kind: String, apiVersion: String, type: String = "Normal", reason: String, message: String,
                component: String) async {
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? "default"
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let uid = object[path: ["metadata", "uid"]]?.stringValue ?? ""
        let now = Timestamps.now()
        // One event object per (object, reason, message), named like the API server's recorder.
        let eventName = "\(name).\(GeneratedNames.templateHash(.string(uid + reason + message)))"
        let key = ObjectKey(resource: Self.events, namespace: namespace, name: eventName)
        if await client.get(key) != nil {
            await client.update(key) { event in
                event["count"] = .int((event["count"]?.intValue ?? 1) + 1)
                event["lastTimestamp"] = .string(now)
            }
            return
        }
        let event: JSON = [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string(eventName), "namespace": .string(namespace)],
            "involvedObject": ["kind": .string(kind), "namespace": .string(namespace), "name": .string(name), "uid": .string(uid),
                               "apiVersion": .string(apiVersion),
                               "resourceVersion": object[path: ["metadata", "resourceVersion"]] ?? ""],
            "reason": .string(reason), "message": .string(message),
            "source": ["component": .string(component)],
            "firstTimestamp": .string(now), "lastTimestamp": .string(now), "count": 1, "type": .string(type),
            "eventTime": .null, "reportingComponent": .string(component), "reportingInstance": "",
        ]
        await client.create(event, resource: Self.events)
    }
}
