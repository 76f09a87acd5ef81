import Manifests

/// Making pods from a workload's template, as the workload controllers do.
enum PodTemplates {
    /// A pod for `owner` from `template`, scheduled on the local node.
    static func pod(named name: String, namespace: String, template: JSON, owner: JSON, ownerKind: String,
                    ownerAPIVersion: String = "apps/v1", extraLabels: [String: String] = [:]) -> JSON {
        var metadata = template["metadata"]?.objectValue ?? JSONObject()
        metadata["creationTimestamp"] = nil
        metadata["name"] = .string(name)
        metadata["namespace"] = .string(namespace)
        var labels = metadata["labels"]?.objectValue ?? JSONObject()
        for (key, value) in extraLabels { labels[key] = .string(value) }
        if !labels.isEmpty { metadata["labels"] = .object(labels) }
        metadata["ownerReferences"] = [ControllerClient.ownerReference(to: owner, kind: ownerKind, apiVersion: ownerAPIVersion)]
        var spec = template["spec"] ?? .object([:])
        spec["nodeName"] = .string("local-node")
        return ["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": spec]
    }

    static func isReady(_ pod: JSON) -> Bool {
        (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
    }

    static func phase(_ pod: JSON) -> String { pod[path: ["status", "phase"]]?.stringValue ?? "Pending" }
}
