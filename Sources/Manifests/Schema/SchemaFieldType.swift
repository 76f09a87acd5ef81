/// What kind of value a schema node holds, in the terms the diff and the API server care about.
public enum SchemaFieldType: String, Hashable, Sendable {
    case string
    case integer
    case number
    case boolean
    /// A struct: known `properties`, anything else is an unknown field.
    case object
    /// A string-keyed map whose values share one schema (`additionalProperties`), e.g. labels.
    case map
    case array
    /// `intstr.IntOrString` or `x-kubernetes-int-or-string`: `targetPort: 8080` or `"http"`.
    case intOrString
    /// `resource.Quantity`: `"500m"`, `"1Gi"` or a bare number.
    case quantity
    /// Any JSON (RawExtension, apiextensions JSON, FieldsV1, `x-kubernetes-preserve-unknown-fields`
    /// without properties): never checked, compared as a whole.
    case rawJSON
}

/// How a list merges, in structured-merge-diff's terms (`x-kubernetes-list-type`).
public enum SchemaListType: Hashable, Sendable {
    /// Replaced as a whole.
    case atomic
    /// Scalars, each owned and merged on its own.
    case set
    /// Objects identified by the values of `keys` (e.g. containers by `name`).
    case map(keys: [String])

    public var keys: [String] { if case .map(let keys) = self { return keys } else { return [] } }
}

/// How an object or map merges (`x-kubernetes-map-type`): field by field, or as a whole.
public enum SchemaMapType: String, Hashable, Sendable {
    case granular
    case atomic
}
