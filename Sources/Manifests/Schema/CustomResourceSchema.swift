/// Custom resources: the types a CustomResourceDefinition adds, with its structural schema
/// (`openAPIV3Schema`) turned into the same `SchemaNode`s the built-in kinds have.
extension KubeSchema {
    static let objectMetaDefinition = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"

    /// A copy with the served versions of a CRD (`apiextensions.k8s.io/v1` object) added; a CRD of
    /// the same group and plural replaces the previous one.
    public func adding(customResourceDefinition crd: JSON) throws -> KubeSchema {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue, !group.isEmpty,
              let names = spec["names"], let kind = names["kind"]?.stringValue, !kind.isEmpty,
              let plural = names["plural"]?.stringValue, !plural.isEmpty
        else { throw KubeSchemaError.invalidCustomResourceDefinition("spec.group, spec.names.kind and spec.names.plural are required") }
        guard let versions = spec["versions"]?.arrayValue, !versions.isEmpty else {
            throw KubeSchemaError.invalidCustomResourceDefinition("spec.versions must not be empty")
        }
        func strings(_ value: JSON?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

        var copy = removingCustomResources(group: group, plural: plural)
        for version in versions where version["served"]?.boolValue ?? true {
            guard let name = version["name"]?.stringValue else {
                throw KubeSchemaError.invalidCustomResourceDefinition("spec.versions[].name is required")
            }
            var subresources: [String] = []
            if version[path: ["subresources", "status"]] != nil { subresources.append("status") }
            if version[path: ["subresources", "scale"]] != nil { subresources.append("scale") }
            let resource = ServedResource(
                group: group, version: name, kind: kind, resource: plural,
                singular: names["singular"]?.stringValue ?? kind.lowercased(),
                namespaced: spec["scope"]?.stringValue != "Cluster",
                shortNames: strings(names["shortNames"]), categories: strings(names["categories"]),
                subresources: subresources, listKind: names["listKind"]?.stringValue)
            copy.resources.append(resource)
            let schema = version[path: ["schema", "openAPIV3Schema"]]
            copy.customRoots[resource.groupVersionKind] = KubeSchema.customResourceRoot(from: schema)
        }
        return copy
    }

    /// A copy without the custom resource types of that group and plural (a deleted CRD).
    public func removingCustomResources(group: String, plural: String) -> KubeSchema {
        var copy = self
        let removed = copy.resources.filter { $0.group == group && $0.resource == plural }
        copy.resources.removeAll { $0.group == group && $0.resource == plural }
        for resource in removed { copy.customRoots[resource.groupVersionKind] = nil }
        return copy
    }

    /// A node for a structural schema on its own, e.g. to check one CRD version before adding it.
    public func customResourceNode(openAPIV3Schema schema: JSON?) -> SchemaNode {
        SchemaNode(raw: KubeSchema.customResourceRoot(from: schema), definitions: definitions)
    }

    /// The CRD's schema as the API server treats it: `apiVersion`, `kind` and `metadata` (the real
    /// ObjectMeta, whatever the CRD says of it) at the root and in every embedded resource; no
    /// schema at all means any fields are kept.
    static func customResourceRoot(from schema: JSON?) -> JSON {
        guard var root = schema, root.objectValue != nil else {
            return ["type": "object", "x-kubernetes-preserve-unknown-fields": true,
                    "properties": typeMetaProperties()]
        }
        root = withTypeMeta(root)
        return embeddingTypeMeta(in: root)
    }

    private static func typeMetaProperties() -> JSON {
        ["apiVersion": ["type": "string"], "kind": ["type": "string"],
         "metadata": ["$ref": .string(SchemaDefinitions.referencePrefix + objectMetaDefinition)]]
    }

    private static func withTypeMeta(_ node: JSON) -> JSON {
        var node = node
        var properties = node["properties"]?.objectValue ?? JSONObject()
        for (name, schema) in typeMetaProperties().objectValue! { properties[name] = schema }
        node["properties"] = .object(properties)
        if node["type"] == nil { node["type"] = "object" }
        return node
    }

    /// Walks the schema and gives every `x-kubernetes-embedded-resource` object its type meta.
    private static func embeddingTypeMeta(in node: JSON) -> JSON {
        guard case .object(var object) = node else { return node }
        for key in ["properties", "patternProperties"] {
            if var children = object[key]?.objectValue {
                for name in children.keys { children[name] = embeddingTypeMeta(in: children[name]!) }
                object[key] = .object(children)
            }
        }
        for key in ["items", "additionalProperties"] {
            if let child = object[key], child.objectValue != nil { object[key] = embeddingTypeMeta(in: child) }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let children = object[key]?.arrayValue { object[key] = .array(children.map(embeddingTypeMeta)) }
        }
        if object["x-kubernetes-embedded-resource"]?.boolValue == true {
            return withTypeMeta(.object(object))
        }
        return .object(object)
    }
}
