/// One node of a schema (an object type, a field, a list element), with `$ref`s resolved.
///
/// Built-in kinds and custom resources (from a CRD's `openAPIV3Schema`) give the same nodes, so the
/// diff and the local cluster ask the same questions of both: which fields exist, how a list merges
/// (`listType`), which key strategic merge patch uses (`patchMergeKey`), what type a value has.
public struct SchemaNode: Sendable {
    /// The node's own JSON (after following `$ref`), in OpenAPI v3 form.
    public let raw: JSON
    /// The definition this node is, when it was reached through a `$ref`: `io.k8s.api.core.v1.Container`.
    public let definitionName: String?
    /// Extensions written on the referring field (list type, patch strategy) live beside the `$ref`,
    /// so they are kept from the field and win over the definition's.
    let fieldExtensions: JSON?
    let definitions: SchemaDefinitions

    /// What kind of value the node holds; worked out once, as nearly every question starts with it.
    public let type: SchemaFieldType

    init(raw: JSON, definitions: SchemaDefinitions, definitionName: String? = nil, fieldExtensions: JSON? = nil) {
        self.definitions = definitions
        if let name = SchemaDefinitions.referencedName(in: raw), let target = definitions.byName[name] {
            // A field that is just a reference: become the definition, keep the field's extensions.
            self.raw = target
            self.definitionName = name
            self.fieldExtensions = raw
        } else {
            self.raw = raw
            self.definitionName = definitionName
            self.fieldExtensions = fieldExtensions
        }
        type = SchemaNode.fieldType(raw: self.raw, definitionName: self.definitionName, fieldExtensions: self.fieldExtensions)
    }

    /// A value of the field itself or, failing that, of the definition it refers to.
    func annotation(_ key: String) -> JSON? { fieldExtensions?[key] ?? raw[key] }

    // MARK: - Structure

    private static func fieldType(raw: JSON, definitionName: String?, fieldExtensions: JSON?) -> SchemaFieldType {
        let intOrString = fieldExtensions?["x-kubernetes-int-or-string"] ?? raw["x-kubernetes-int-or-string"]
        if intOrString?.boolValue == true || raw["format"]?.stringValue == "int-or-string" {
            return .intOrString
        }
        if definitionName == "io.k8s.apimachinery.pkg.api.resource.Quantity" { return .quantity }
        switch raw["type"]?.stringValue {
        case "string": return .string
        case "integer": return .integer
        case "number": return .number
        case "boolean": return .boolean
        case "array": return .array
        default: break
        }
        if raw["properties"]?.objectValue != nil { return .object }
        if let additional = raw["additionalProperties"], additional.objectValue != nil { return .map }
        if let oneOf = raw["oneOf"]?.arrayValue {
            let types = Set(oneOf.compactMap { $0["type"]?.stringValue })
            if types == ["string", "number"] { return .quantity }
            if types == ["string", "integer"] { return .intOrString }
        }
        return .rawJSON
    }

    /// The OpenAPI `format` (`int32`, `int64`, `date-time`, `byte`, …).
    public var format: String? { raw["format"]?.stringValue }

    /// Field names of a struct, in schema order.
    public var propertyNames: [String] { raw["properties"]?.objectValue?.keys ?? [] }

    /// Fields a struct must have.
    public var requiredProperties: [String] { raw["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The schema of one field of a struct, or `nil` when the struct does not declare it.
    public func property(_ name: String) -> SchemaNode? {
        guard let child = raw["properties"]?[name] else { return nil }
        return SchemaNode(raw: child, definitions: definitions)
    }

    /// The schema of each element of a list.
    public var items: SchemaNode? {
        guard let items = raw["items"], items.objectValue != nil else { return nil }
        return SchemaNode(raw: items, definitions: definitions)
    }

    /// The schema of each value of a map (`additionalProperties`).
    public var mapValues: SchemaNode? {
        guard let values = raw["additionalProperties"], values.objectValue != nil else { return nil }
        return SchemaNode(raw: values, definitions: definitions)
    }

    /// The schema one step down: a struct's field, a map's value, or (through a list) its element's field.
    public func child(_ name: String) -> SchemaNode? {
        if type == .array { return items?.child(name) }
        if let field = property(name) { return field }
        return mapValues
    }

    /// The schema at a path of field names, stepping through lists and maps:
    /// `["spec", "template", "spec", "containers", "ports"]`.
    public func descendant(_ path: [String]) -> SchemaNode? {
        var node: SchemaNode? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// Allowed values, when the schema lists them.
    public var enumValues: [JSON]? { raw["enum"]?.arrayValue }

    /// The schema's default value, when it declares one (CRDs do; built-ins default in code).
    public var defaultValue: JSON? { raw["default"] }

    /// The kinds this node is the schema of (`x-kubernetes-group-version-kind`).
    public var groupVersionKinds: [GroupVersionKind] {
        (raw["x-kubernetes-group-version-kind"]?.arrayValue ?? []).compactMap { entry in
            guard let version = entry["version"]?.stringValue, let kind = entry["kind"]?.stringValue else { return nil }
            return GroupVersionKind(group: entry["group"]?.stringValue ?? "", version: version, kind: kind)
        }
    }

    // MARK: - Merge semantics

    /// How this list merges, or `nil` when the node is not a list.
    ///
    /// Without `x-kubernetes-list-type`, structured-merge-diff reads the built-in types' patch tags
    /// (kube-openapi `pkg/schemaconv/smd.go`): patch strategy `merge` makes an associative list keyed
    /// by the patch merge key (a set when there is none); anything else is atomic.
    public var listType: SchemaListType? {
        guard type == .array else { return nil }
        switch annotation("x-kubernetes-list-type")?.stringValue {
        case "atomic": return .atomic
        case "set": return .set
        case "map":
            let keys = annotation("x-kubernetes-list-map-keys")?.arrayValue?.compactMap(\.stringValue) ?? []
            return .map(keys: keys)
        case .some: return .atomic
        case nil: break
        }
        if annotation("x-kubernetes-patch-strategy")?.stringValue == "merge" {
            if let key = patchMergeKey { return .map(keys: [key]) }
            return .set
        }
        return .atomic
    }

    /// How this struct or map merges, or `nil` for scalars and lists; granular unless marked atomic.
    public var mapType: SchemaMapType? {
        switch type {
        case .object, .map, .rawJSON:
            return annotation("x-kubernetes-map-type")?.stringValue == "atomic" ? .atomic : .granular
        default:
            return nil
        }
    }

    /// Strategic merge patch's key for list elements (`x-kubernetes-patch-merge-key`): `name` for containers.
    public var patchMergeKey: String? { annotation("x-kubernetes-patch-merge-key")?.stringValue }

    /// Strategic merge patch's strategies (`x-kubernetes-patch-strategy`, e.g. `merge`, `retainKeys`, `replace`).
    public var patchStrategies: [String] {
        guard let value = annotation("x-kubernetes-patch-strategy")?.stringValue else { return [] }
        return value.split(separator: ",").map { String($0.filter { $0 != " " }) }
    }

    /// Whether strategic merge patch merges this list element by element instead of replacing it.
    public var patchMerges: Bool { patchStrategies.contains("merge") }
    /// Whether strategic merge patch clears the fields a `$retainKeys` directive does not list.
    public var patchRetainsKeys: Bool { patchStrategies.contains("retainKeys") }

    /// Fields not in the schema are kept rather than rejected.
    public var preservesUnknownFields: Bool {
        if annotation("x-kubernetes-preserve-unknown-fields")?.boolValue == true { return true }
        return type == .rawJSON
    }

    /// Whether a `resource.Quantity` can occur at or below this node (false for most definitions).
    public var mayContainQuantities: Bool {
        guard let definitionName else { return true }
        return !definitions.quantityFree.contains(definitionName)
    }

    /// A nested Kubernetes object with its own `apiVersion`, `kind` and `metadata`.
    public var isEmbeddedResource: Bool { annotation("x-kubernetes-embedded-resource")?.boolValue == true }
}
