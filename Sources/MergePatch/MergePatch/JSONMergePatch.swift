import Manifests

/// JSON merge patch (RFC 7386), the `application/merge-patch+json` patch type.
///
/// An object in the patch merges into the target key by key, `null` deletes a key, and any
/// other value (arrays included) replaces the target's value whole.
public enum JSONMergePatch {
    /// Applies `patch` to `target` as RFC 7386 section 2 defines it.
    public static func apply(_ patch: JSON, to target: JSON) -> JSON {
        guard case .object(let patchObject) = patch else { return patch }
        var result = target.objectValue ?? JSONObject()
        for (key, value) in patchObject {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
