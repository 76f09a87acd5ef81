import Manifests

/// Removing owned paths from an object (typed.TypedValue.RemoveItems): what server-side apply
/// does to fields a manager stopped applying that nobody else owns.
struct FieldRemoval<Node: MergeSchemaNode> {
    /// The value without the paths in `set`; `nil` when nothing of it is left.
    func remove(_ set: FieldSet, from value: JSON, schema: Node?, path: FieldSetPath) throws(FieldPathError) -> JSON? {
        if set.isEmpty { return value }
        switch value {
        case .object(let object) where schema?.isAtomicMap != true:
            var out = JSONObject()
            for (key, child) in object {
                let element = PathElement.field(key)
                if set.members.contains(element) { continue }
                if let below = set.children[element] {
                    if let kept = try remove(below, from: child, schema: schema?.member(key), path: path + [element]) { out[key] = kept }
                } else {
                    out[key] = child
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .array(let items) where (schema?.listType ?? .atomic) != .atomic:
            var out: [JSON] = []
            let elements = try FieldSetWalker<Node>.elements(of: items, schema: schema, path: path)
            for (item, element) in zip(items, elements) {
                if set.members.contains(element) { continue }
                if let below = set.children[element] {
                    if let kept = try remove(below, from: item, schema: schema?.listItems, path: path + [element]) { out.append(kept) }
                } else {
                    out.append(item)
                }
            }
            return out.isEmpty ? nil : .array(out)
        default:
            return value
        }
    }
}
