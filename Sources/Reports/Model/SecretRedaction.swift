import Manifests
import Reconciler

/// The last line of defence for Secret values: every `ObjectReport` passes its changes and its
/// manifest through here, so no renderer can be handed a value even if a caller built the changes
/// by hand without the Reconciler's masking.
enum SecretRedaction {
    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    static func redact(_ change: FieldChange, of identity: ObjectIdentity) -> FieldChange {
        guard SecretMask.isSecret(identity), holdsValues(change.path) else { return change }
        var redacted = change
        redacted.old = change.old.map { hideLeaves($0, with: SecretMask.hidden) }
        redacted.new = change.new.map { hideLeaves($0, with: change.kind == .changed ? SecretMask.changed : SecretMask.hidden) }
        return redacted
    }

    /// A Secret with every value hidden (other objects unchanged).
    static func redact(_ object: JSON) -> JSON {
        SecretMask.masked(object)
    }

    /// Where a Secret keeps values: `data`, `stringData`, the last-applied annotation — and the
    /// object root or `metadata` as a whole, which contain them.
    private static func holdsValues(_ path: FieldPath) -> Bool {
        guard let first = path.firstKey else { return true }
        if first == "data" || first == "stringData" { return true }
        if first == "metadata" {
            return path.segments.count <= 2 || path.description.contains(lastAppliedAnnotation)
        }
        return false
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
