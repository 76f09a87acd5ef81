import Manifests

/// Finds fields a kind's schema does not declare — `replica:` for `replicas:`, `imagePullPolcy:` —
/// which the API server would drop in silence without `fieldValidation=Strict`.
///
/// The local schema (Kubernetes 1.32 plus the revision's CRDs) is a first pass that costs no
/// request; since a newer server may know fields it does not, what it flags is confirmed by the
/// server's strict dry-run before it is called an error (see `StrictValidation`).
public enum UnknownFields {
    /// Field paths in the API server's spelling (`spec.template.spec.containers[0].imagePullPolcy`),
    /// or `nil` when the schema does not know the kind.
    public static func paths(in object: JSON, schema: KubeSchema) -> [String]? {
        guard let type = ObjectIdentity(of: object)?.type, let root = schema.node(for: type) else { return nil }
        var found: [String] = []
        walk(object, node: root, path: "", into: &found, isRoot: true)
        return found
    }

    private static func walk(_ value: JSON, node: SchemaNode, path: String, into found: inout [String], isRoot: Bool = false) {
        if node.preservesUnknownFields || node.isEmbeddedResource { return }
        switch node.type {
        case .object:
            guard let object = value.objectValue else { return }
            for (key, child) in object {
                if isRoot && (key == "apiVersion" || key == "kind") { continue }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard let property = node.property(key) else { found.append(childPath); continue }
                walk(child, node: property, path: childPath, into: &found)
            }
        case .map:
            guard let object = value.objectValue, let values = node.mapValues else { return }
            for (key, child) in object { walk(child, node: values, path: "\(path).\(key)", into: &found) }
        case .array:
            guard let items = value.arrayValue, let element = node.items else { return }
            for (index, item) in items.enumerated() { walk(item, node: element, path: "\(path)[\(index)]", into: &found) }
        default:
            return
        }
    }
}
