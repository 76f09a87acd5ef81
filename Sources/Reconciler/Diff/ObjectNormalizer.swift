import Foundation
import Manifests

/// Brings desired and live objects to a common form before they are compared, so that what the
/// API server adds or rewrites by itself is never mistaken for drift.
public enum ObjectNormalizer {
    /// Metadata the API server fills in; never part of what a user declares.
    public static let serverMetadataFields = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// Annotations compared never: the revision annotation moves with every commit, so comparing
    /// it would re-apply every object on every commit.
    public static let ignoredAnnotations = [
        Tracking.revisionAnnotation, "kubectl.kubernetes.io/last-applied-configuration",
    ]

    /// The live object without server-populated metadata and `status`.
    public static func normalizeLive(_ object: JSON) -> JSON {
        stripServerFields(object)
    }

    /// The desired object as the API server would store it: nulls dropped and Secret
    /// `stringData` folded into base64 `data`.
    ///
    /// Server defaults (`protocol: TCP`, a Service's `targetPort`, `imagePullPolicy`, …) need no
    /// filling in: only fields the desired object sets are compared, and keyed lists match with
    /// their key defaults (`FieldSemantics.listKeyDefaults`). Filling them would even be wrong: a
    /// default changed by hand is not something the next apply would undo.
    public static func normalizeDesired(_ object: JSON) -> JSON {
        var result = dropNulls(stripServerFields(object))
        if let identity = ObjectIdentity(of: object), SecretMask.isSecret(identity) { foldStringData(&result) }
        return result
    }

    static func stripServerFields(_ object: JSON) -> JSON {
        var result = object
        result["status"] = nil
        // Identity, not content: a live object read at another served version is the same object.
        result["apiVersion"] = nil
        result["kind"] = nil
        guard var metadata = result["metadata"]?.objectValue else { return result }
        for field in serverMetadataFields { metadata[field] = nil }
        if var annotations = metadata["annotations"]?.objectValue {
            for key in ignoredAnnotations { annotations[key] = nil }
            // `JSON?.none`, not `nil`: a bare `nil` here would become `JSON.null`.
            metadata["annotations"] = annotations.isEmpty ? JSON?.none : .object(annotations)
        }
        result["metadata"] = .object(metadata)
        return result
    }

    /// `null` in a manifest means "not set" (`foo:` with no value in YAML).
    static func dropNulls(_ value: JSON) -> JSON { withoutNulls(value) ?? value }

    /// The value without its nulls, or `nil` when it has none: most manifests have none, and
    /// copying every object of a thousand to change nothing was a measurable part of a diff.
    private static func withoutNulls(_ value: JSON) -> JSON? {
        switch value {
        case .object(let object):
            var copy: JSONObject?
            for (index, member) in object.entries.enumerated() {
                let replacement = member.value.isNull ? nil : withoutNulls(member.value)
                if copy == nil, member.value.isNull || replacement != nil {
                    copy = JSONObject(object.entries.prefix(index).map { ($0.key, $0.value) })
                }
                if copy != nil, !member.value.isNull { copy![member.key] = replacement ?? member.value }
            }
            return copy.map(JSON.object)
        case .array(let items):
            var copy: [JSON]?
            for (index, item) in items.enumerated() {
                let replacement = withoutNulls(item)
                if copy == nil, replacement != nil { copy = Array(items.prefix(index)) }
                copy?.append(replacement ?? item)
            }
            return copy.map(JSON.array)
        default:
            return nil
        }
    }

    /// The API server writes `stringData` into `data` (base64), and a `stringData` key wins over
    /// the same key in `data`.
    static func foldStringData(_ secret: inout JSON) {
        guard let stringData = secret["stringData"]?.objectValue else { return }
        var data = secret["data"]?.objectValue ?? JSONObject()
        for (key, value) in stringData {
            let text = value.stringValue ?? value.serialized()
            data[key] = .string(Data(text.utf8).base64EncodedString())
        }
        secret["stringData"] = nil
        secret["data"] = .object(data)
    }
}
