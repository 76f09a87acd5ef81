import Manifests

/// Applies the three client patch formats to an object.
/// TODO: swap in Manifests' Patch module (strategic merge with schema keys, JSON patch) when it lands;
/// until then strategic merge falls back to JSON merge semantics.
enum PatchSeam {
    static func apply(contentType: String, patch: JSON, to object: JSON) throws -> JSON {
        switch contentType {
        case "application/merge-patch+json", "application/strategic-merge-patch+json":
            return mergePatch(patch, object)
        default:
            throw APIError.unsupportedMediaType(contentType)
        }
    }

    /// RFC 7386 JSON merge patch.
    static func mergePatch(_ patch: JSON, _ target: JSON) -> JSON {
        guard let patchObject = patch.objectValue else { return patch }
        var result = target.objectValue ?? JSONObject()
        for (key, value) in patchObject {
            if value.isNull { result[key] = nil } else { result[key] = mergePatch(value, result[key] ?? .null) }
        }
        return .object(result)
    }
}
