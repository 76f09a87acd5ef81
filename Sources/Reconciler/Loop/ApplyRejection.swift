import Manifests

/// What the loop does about an apply refused for an immutable field (`ClusterError.immutableFields`):
/// delete and recreate the object only when it says so, otherwise tell the user how.
public enum ApplyRejection {
    /// Whether the object may be deleted and recreated to get past an immutable field.
    public static func mayRecreate(_ object: JSON) -> Bool {
        object[path: ["metadata", "annotations", Tracking.forceAnnotation]]?.stringValue == "true"
    }

    /// `Deployment.apps web/django: field spec.selector is immutable; annotate it mooring.dev/force: "true" to let mooring delete and recreate it`
    public static func message(for identity: ObjectIdentity, fields: [String]) -> String {
        "\(ClusterError.immutableFields(object: identity, fields: fields)); annotate it \(Tracking.forceAnnotation): \"true\" to let mooring delete and recreate it"
    }
}
