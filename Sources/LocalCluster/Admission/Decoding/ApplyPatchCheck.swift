import Manifests

/// What server-side apply's typed conversion (structured-merge-diff) rejects in an apply patch:
/// fields the schema does not declare, list-map elements missing a key without a default, and
/// duplicate keys, in structured-merge-diff's own path syntax
/// (`.spec.template.spec.containers[name="web"].foo: field not declared in schema`).
///
/// A real 1.32 server fails such a patch whatever `fieldValidation` says, with
/// `failed to create typed patch object (<ns>/<name>; <group>/<version>, Kind=<kind>): <errors>`
/// in a Status of code 500 and no reason (kubernetes/kubernetes#122480); see `failureStatus`.
public enum ApplyPatchCheck {
    /// The errors, each `path: message`, in document order; empty when the patch converts.
    public static func errors(in patch: JSON, schema: KubeSchema = .builtin) -> [String] {
        guard let kind = BodyDecoding.kind(of: patch), let root = schema.node(for: kind) else { return [] }
        var errors: [String] = []
        visit(patch, node: root, path: "", errors: &errors)
        return errors
    }

    /// The message of the failed apply: structured-merge-diff's `ValidationErrors.Error()` (one
    /// error bare, several under `errors:`), prefixed as the field manager does.
    public static func failureMessage(for patch: JSON, errors: [String]) -> String {
        let kind = BodyDecoding.kind(of: patch)
        let namespace = patch[path: ["metadata", "namespace"]]?.stringValue ?? ""
        let name = patch[path: ["metadata", "name"]]?.stringValue ?? ""
        let gvk = "\(kind?.group ?? "")/\(kind?.version ?? ""), Kind=\(kind?.kind ?? "")"
        let joined = errors.count == 1 ? errors[0] : (["errors:"] + errors.map { "  " + $0 }).joined(separator: "\n")
        return "failed to create typed patch object (\(namespace)/\(name); \(gvk)): \(joined)"
    }

    /// The Status body a 1.32 server answers with: code 500, no reason.
    public static func failureStatus(for patch: JSON, errors: [String]) -> JSON {
        ["kind": "Status", "apiVersion": "v1", "metadata": .object(JSONObject()), "status": "Failure",
         "message": .string(failureMessage(for: patch, errors: errors)), "code": 500]
    }

    private static func visit(_ value: JSON, node: SchemaNode, path: String, errors: inout [String]) {
        switch (value, node.type) {
        case (.object(let object), .object):
            for (key, child) in object {
                if let field = node.property(key) {
                    visit(child, node: field, path: path + "." + key, errors: &errors)
                } else if !node.preservesUnknownFields {
                    errors.append("\(path).\(key): field not declared in schema")
                }
            }
        case (.object(let object), .map):
            guard let values = node.mapValues else { return }
            for (key, child) in object { visit(child, node: values, path: path + "." + key, errors: &errors) }
        case (.array(let items), .array):
            guard let element = node.items else { return }
            switch node.listType ?? .atomic {
            case .map(let keys):
                var seen = Set<String>()
                for (index, item) in items.enumerated() {
                    guard let itemKey = keyElement(item, keys: keys, element: element, index: index, path: path, errors: &errors) else { continue }
                    if !seen.insert(itemKey).inserted {
                        errors.append("\(path): duplicate entries for key \(itemKey)")
                        continue
                    }
                    visit(item, node: element, path: path + itemKey, errors: &errors)
                }
            case .set:
                for item in items { visit(item, node: element, path: path + "[=\(item.serialized())]", errors: &errors) }
            case .atomic:
                for (index, item) in items.enumerated() { visit(item, node: element, path: path + "[\(index)]", errors: &errors) }
            }
        default:
            return
        }
    }

    /// `[name="web"]` or `[containerPort=80,protocol="TCP"]`, key values defaulted from the schema;
    /// `nil` (with an error) when a key is missing and has no default.
    private static func keyElement(_ item: JSON, keys: [String], element: SchemaNode, index: Int, path: String, errors: inout [String]) -> String? {
        var parts: [String] = []
        for key in keys {
            if let value = item[key], value != .null {
                parts.append("\(key)=\(value.serialized())")
            } else if let value = element.property(key)?.defaultValue {
                parts.append("\(key)=\(value.serialized())")
            } else {
                errors.append("\(path): element \(index): associative list with keys has an element that omits key field \(GoValue.quote(key)) (and doesn't have default value)")
                return nil
            }
        }
        return "[" + parts.joined(separator: ",") + "]"
    }
}
