import Manifests

/// The questions the merge algorithms ask a schema about one position in an object.
///
/// Strategic merge patch, field sets and server-side apply all need the same few facts about a
/// value: is this list merged by keys or replaced, is this map one value or many, which fields
/// are declared. This protocol is the seam between those algorithms and wherever the facts come
/// from (the built-in Kubernetes definitions, a CRD's `openAPIV3Schema`, or a literal in a test).
///
/// A `nil` node means "no schema here"; the algorithms then behave as the API server does for
/// untyped data: maps merge key by key, lists are atomic.
public protocol MergeSchemaNode: Sendable {
    /// The schema of a field declared by this object type (a struct field), or `nil`.
    func declaredField(_ name: String) -> Self?

    /// The schema of the values of a free-form map (`additionalProperties`), or `nil`.
    var mapValues: Self? { get }

    /// The schema of this list's items, or `nil`.
    var listItems: Self? { get }

    /// How server-side apply treats this list (`x-kubernetes-list-type`); `.atomic` by default.
    var listType: SchemaListType { get }

    /// Whether this object is one value rather than a set of fields (`x-kubernetes-map-type: atomic`).
    var isAtomicMap: Bool { get }

    /// The strategic-merge-patch strategies of this field (`x-kubernetes-patch-strategy`, split at commas).
    var patchStrategies: [PatchStrategy] { get }

    /// The strategic-merge-patch key of this list (`x-kubernetes-patch-merge-key`).
    var patchMergeKey: String? { get }

    /// The schema's `default`; server-side apply uses it for list-map keys left out of an item
    /// (a container port without `protocol` is keyed with `"protocol":"TCP"`).
    var defaultValue: JSON? { get }
}

/// A strategic-merge-patch strategy as declared on a field.
public enum PatchStrategy: String, Sendable, Hashable {
    case merge
    case replace
    case retainKeys
}

extension MergeSchemaNode {
    public var defaultValue: JSON? { nil }

    /// The schema of a member of this object: a declared field, else the map's value schema.
    func member(_ name: String) -> Self? { declaredField(name) ?? mapValues }
}
