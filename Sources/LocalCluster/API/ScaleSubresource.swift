import Manifests

/// The `autoscaling/v1` Scale view of a Deployment, StatefulSet or ReplicaSet (`kubectl scale`).
enum ScaleSubresource {
    static func scale(of object: JSON) -> JSON {
        var metadata: JSONObject = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = object[path: ["metadata", key]] { metadata[key] = value }
        }
        let selector = LabelSelectorText.format(object[path: ["spec", "selector"]])
        var status: JSONObject = ["replicas": .int(object[path: ["status", "replicas"]]?.intValue ?? 0)]
        if !selector.isEmpty { status["selector"] = .string(selector) }
        return ["kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(metadata),
                "spec": ["replicas": .int(object[path: ["spec", "replicas"]]?.intValue ?? 0)],
                "status": .object(status)]
    }

    /// The desired replicas of a Scale body, or a 422 / 400.
    static func replicas(in body: JSON) throws -> Int64 {
        guard let replicas = body[path: ["spec", "replicas"]]?.intValue else {
            throw StatusError.badRequest("Scale object has no spec.replicas")
        }
        if replicas < 0 {
            throw StatusError.invalid(kind: GroupKind(group: "autoscaling", kind: "Scale"),
                                   name: body[path: ["metadata", "name"]]?.stringValue ?? "",
                                   causes: [.invalid(FieldErrorPath("spec", "replicas"), .int(replicas),
                                                     "must be greater than or equal to 0")])
        }
        return replicas
    }
}
