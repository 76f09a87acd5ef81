import Manifests

/// Strategic merge patch, the `application/strategic-merge-patch+json` patch type.
///
/// Like a JSON merge patch, but lists whose schema says `patchStrategy: merge` are merged: lists
/// of objects by their `patchMergeKey`, lists of scalars as a union. The patch may carry the
/// directives `$patch` (`replace`, `merge`, `delete`), `$retainKeys`, `$setElementOrder/<list>`
/// and `$deleteFromPrimitiveList/<list>`. Behaviour follows
/// k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (`StrategicMergeMapPatch`, which the
/// API server calls with `MergeParallelList` and `IgnoreUnmatchedNulls`).
public enum StrategicMergePatch {
    /// Applies `patch` to `original`, looking up merge keys and strategies in `schema`.
    public static func apply<Node: MergeSchemaNode>(_ patch: JSON, to original: JSON, schema: Node?) throws(StrategicMergePatchError) -> JSON {
        guard case .object(let patchObject) = patch else {
            throw StrategicMergePatchError("invalid JSON document", httpStatus: 400)
        }
        let merged = try StrategicMerger<Node>().mergeMap(original.objectValue ?? JSONObject(), patchObject, schema: schema)
        return .object(merged)
    }

    /// Applies `patch` with no schema: maps merge, every list is replaced.
    public static func apply(_ patch: JSON, to original: JSON) throws(StrategicMergePatchError) -> JSON {
        try apply(patch, to: original, schema: OpenAPISchemaNode?.none)
    }
}

/// The directive keys a strategic merge patch may contain.
enum Directive {
    static let patch = "$patch"
    static let retainKeys = "$retainKeys"
    static let setElementOrderPrefix = "$setElementOrder"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList"

    /// The list a `$setElementOrder/<list>` or `$deleteFromPrimitiveList/<list>` key refers to.
    static func listName(in key: String, prefix: String) -> String? {
        guard let slash = key.firstIndex(of: "/"), key[..<slash] == prefix else { return nil }
        return String(key[key.index(after: slash)...])
    }

    static func isDirectiveKey(_ key: String) -> Bool {
        key == patch || key == retainKeys || key.hasPrefix(setElementOrderPrefix + "/") || key.hasPrefix(deleteFromPrimitiveListPrefix + "/")
    }

    /// A value taken from the patch as is: `null`s dropped (`IgnoreUnmatchedNulls`), and objects
    /// carrying `$patch` and other directive keys removed. Returns `nil` when nothing is left to keep.
    static func cleaned(_ value: JSON) -> JSON? {
        switch value {
        case .object(let object):
            if object[patch] != nil { return nil }
            var out = JSONObject()
            for (key, child) in object where !isDirectiveKey(key) && !child.isNull {
                if let kept = cleaned(child) { out[key] = kept }
            }
            return .object(out)
        case .array(let items):
            return .array(items.compactMap { $0.isNull ? JSON.null : cleaned($0) })
        default:
            return value
        }
    }
}
