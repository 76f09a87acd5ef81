import Manifests

/// Hides Secret values: diffs, reports and logs show that a value changed, never what it is.
/// The one set of rules for it: the Differ masks every change it makes, and every `ObjectReport`
/// passes its changes and manifest through here again, so a report built by hand cannot show a
/// value either. Keys, labels, type and other metadata stay readable.
public enum SecretMask {
    public static let hidden: JSON = "***"
    public static let changed: JSON = "*** (changed)"
    /// kubectl's client-side apply copy of the whole object, values included.
    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// `true` for core `Secret` objects.
    public static func isSecret(_ identity: ObjectIdentity) -> Bool {
        identity.group.isEmpty && identity.kind == "Secret"
    }

    /// Whether a field of a Secret holds values (`data`, `stringData`, the last-applied copy).
    public static func holdsValues(_ path: FieldPath) -> Bool {
        guard let first = path.firstKey else { return false }
        return first == "data" || first == "stringData" || path.description.contains(lastAppliedAnnotation)
    }

    /// The change with whatever Secret values it shows masked, at any depth: a changed value
    /// becomes `*** (changed)`, any other `***`.
    public static func mask(_ change: FieldChange, of identity: ObjectIdentity) -> FieldChange {
        guard isSecret(identity) else { return change }
        var masked = change
        masked.old = change.old.map { mask($0, at: change.path, with: hidden) }
        masked.new = change.new.map { mask($0, at: change.path, with: change.kind == .changed ? changed : hidden) }
        return masked
    }

    /// A copy of a Secret with every value in `data` and `stringData` (and the last-applied
    /// copy) replaced, for display; other objects unchanged.
    public static func masked(_ object: JSON) -> JSON {
        guard let identity = ObjectIdentity(of: object), isSecret(identity) else { return object }
        return mask(object, at: FieldPath(), with: hidden)
    }

    /// The value found at `path` of a Secret with whatever holds values hidden.
    private static func mask(_ value: JSON, at path: FieldPath, with replacement: JSON) -> JSON {
        let keys = path.segments.map { segment -> String? in
            if case .key(let key) = segment { return key }
            return nil
        }
        if keys.contains(lastAppliedAnnotation) { return hideLeaves(value, with: replacement) }
        switch keys.first {
        case nil where path.segments.isEmpty:
            // The whole object.
            var copy = value
            for key in ["data", "stringData"] { copy[key] = copy[key].map { hideLeaves($0, with: replacement) } }
            copy[path: ["metadata", "annotations"]] = copy[path: ["metadata", "annotations"]].map { hideLastApplied($0, with: replacement) }
            return copy
        case "data", "stringData":
            return hideLeaves(value, with: replacement)
        case "metadata" where keys.count == 1:
            var copy = value
            copy["annotations"] = copy["annotations"].map { hideLastApplied($0, with: replacement) }
            return copy
        case "metadata" where keys.count == 2 && keys[1] == "annotations":
            return hideLastApplied(value, with: replacement)
        default:
            return value
        }
    }

    private static func hideLastApplied(_ annotations: JSON, with replacement: JSON) -> JSON {
        guard annotations[lastAppliedAnnotation] != nil else { return annotations }
        var copy = annotations
        copy[lastAppliedAnnotation] = replacement
        return copy
    }

    /// Keeps the shape of maps (which keys changed is not secret) and hides every leaf.
    private static func hideLeaves(_ value: JSON, with replacement: JSON) -> JSON {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, hideLeaves($0.value, with: replacement)) }))
        case .null:
            return .null
        default:
            return replacement
        }
    }
}
