import Manifests

/// What happens to an object's dependents when it is deleted.
public enum PropagationPolicy: String, Sendable {
    case foreground = "Foreground", background = "Background", orphan = "Orphan"
}

/// Delete only if the object still is the one meant.
public struct Preconditions: Sendable, Equatable {
    public var uid: String?
    public var resourceVersion: String?

    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}

extension Preconditions {
    var json: JSON {
        var object = JSONObject()
        if let uid { object["uid"] = .string(uid) }
        if let resourceVersion { object["resourceVersion"] = .string(resourceVersion) }
        return .object(object)
    }
}
