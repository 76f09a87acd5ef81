import Manifests
import Reconciler

/// The last line of defence for Secret values: every `ObjectReport` passes its changes and its
/// manifest through here, so no renderer can be handed a value even if a caller built the changes
/// by hand without the Reconciler's masking. Labels, type and other metadata stay readable.
enum SecretRedaction {
    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    static func redact(_ change: FieldChange, of identity: ObjectIdentity) -> FieldChange {
        guard SecretMask.isSecret(identity) else { return change }
        var redacted = change
        redacted.old = change.old.map { redact($0, at: change.path, with: SecretMask.hidden) }
        redacted.new = change.new.map { redact($0, at: change.path, with: change.kind == .changed ? SecretMask.changed : SecretMask.hidden) }
        return redacted
    }

    /// A Secret with every value hidden (other objects unchanged).
    static func redact(_ object: JSON) -> JSON {
        SecretMask.masked(object)
    }

    /// The value found at `path` of a Secret with whatever holds secret values hidden.
    private static func redact(_ value: JSON, at path: FieldPath, with replacement: JSON) -> JSON {
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
