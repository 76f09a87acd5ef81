import Manifests

/// Resources served in more than one shape over one storage: `autoscaling/v1` and `/v2`
/// HorizontalPodAutoscalers (stored as v2) and `events.k8s.io/v1` Events (stored as core v1
/// Events), converted on the way in and out as kube-apiserver's conversion functions do.
enum VersionConversion {
    /// Whether a resource's objects are stored in another version or group.
    static func converts(_ resource: ClusterResource) -> Bool {
        (resource.group == "autoscaling" && resource.version == "v1") || (resource.group == "events.k8s.io")
    }

    /// The stored form of an object sent to `resource`.
    static func toStorage(_ object: JSON, from resource: ClusterResource) -> JSON {
        switch resource.group {
        case "autoscaling" where resource.version == "v1": return AutoscalerConversion.v1ToV2(object)
        case "events.k8s.io": return EventConversion.toCore(object)
        default: return object
        }
    }

    /// A stored object as `resource` serves it.
    static func fromStorage(_ object: JSON, to resource: ClusterResource) -> JSON {
        switch resource.group {
        case "autoscaling" where resource.version == "v1": return AutoscalerConversion.v2ToV1(object)
        case "events.k8s.io": return EventConversion.fromCore(object)
        default: return object
        }
    }
}

/// Core `v1` Event ↔ `events.k8s.io/v1` Event (`pkg/apis/events/v1/conversion.go`): the same
/// object with some fields renamed.
enum EventConversion {
    /// (events.k8s.io name, core name)
    static let renamed = [("regarding", "involvedObject"), ("note", "message"), ("deprecatedSource", "source"),
                          ("deprecatedFirstTimestamp", "firstTimestamp"), ("deprecatedLastTimestamp", "lastTimestamp"),
                          ("deprecatedCount", "count"), ("reportingController", "reportingComponent")]

    static func toCore(_ event: JSON) -> JSON {
        var core = event
        core["apiVersion"] = "v1"
        for (newName, oldName) in renamed {
            guard let value = event[newName] else { continue }
            core[newName] = nil
            core[oldName] = value
        }
        return core
    }

    static func fromCore(_ core: JSON) -> JSON {
        var event = core
        event["apiVersion"] = "events.k8s.io/v1"
        for (newName, oldName) in renamed {
            guard let value = core[oldName] else { continue }
            event[oldName] = nil
            event[newName] = value
        }
        return event
    }
}
