import Manifests

/// Hides Secret values: diffs, reports and logs show that a value changed, never what it is.
public enum SecretMask {
    public static let hidden: JSON = "***"
    public static let changed: JSON = "*** (changed)"

    /// `true` for core `Secret` objects.
    public static func isSecret(_ identity: ObjectIdentity) -> Bool {
        identity.group.isEmpty && identity.kind == "Secret"
    }

    /// Fields of a Secret that hold values.
    static func holdsValues(_ path: FieldPath) -> Bool {
        guard let first = path.firstKey else { return false }
        return first == "data" || first == "stringData"
            || path.description.contains("kubectl.kubernetes.io/last-applied-configuration")
    }

    /// The change with its values masked when it is about a Secret's values.
    static func mask(_ change: FieldChange, of identity: ObjectIdentity) -> FieldChange {
        guard isSecret(identity), holdsValues(change.path) else { return change }
        var masked = change
        masked.old = change.old.map { maskValues($0, replacement: hidden) }
        masked.new = change.new.map { maskValues($0, replacement: change.kind == .changed ? changed : hidden) }
        return masked
    }

    /// A copy of a Secret with every value in `data` and `stringData` replaced, for display.
    public static func masked(_ object: JSON) -> JSON {
        guard let identity = ObjectIdentity(of: object), isSecret(identity) else { return object }
        var copy = object
        for key in ["data", "stringData"] {
            if let values = copy[key] { copy[key] = maskValues(values, replacement: hidden) }
        }
        if copy[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]] != nil {
            copy[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]] = hidden
        }
        return copy
    }

    /// Keeps the shape of maps (so a reader sees which keys changed) and hides every leaf.
    private static func maskValues(_ value: JSON, replacement: JSON) -> JSON {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, maskValues($0.value, replacement: replacement)) }))
        case .null: return .null
        default: return replacement
        }
    }
}
