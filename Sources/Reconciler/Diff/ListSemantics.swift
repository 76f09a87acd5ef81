import Manifests

/// How the API server merges a list, as the schema's `x-kubernetes-list-type` says.
public enum ListType: Sendable, Hashable {
    /// Replaced as a whole: order matters, elements are compared by position.
    case atomic
    /// Unique scalars; order does not matter.
    case set
    /// Elements are identified by these fields (e.g. containers by `name`); order does not matter.
    case map(keys: [String])
}

/// The seam where the Kubernetes schema tells the diff how each list is keyed.
///
/// `path` holds object keys only (no indices), from the object's root, e.g.
/// `["spec", "template", "spec", "containers", "ports"]`.
public protocol ListSemantics: Sendable {
    /// The list's type, or `nil` when this source does not know it.
    func listType(of groupKind: GroupKind, at path: [String]) -> ListType?
}

/// Asks each source in turn; the first that knows wins; unknown lists are atomic.
public struct LayeredListSemantics: ListSemantics {
    public var sources: [any ListSemantics]

    public init(_ sources: [any ListSemantics]) { self.sources = sources }

    public func listType(of groupKind: GroupKind, at path: [String]) -> ListType? {
        for source in sources {
            if let type = source.listType(of: groupKind, at: path) { return type }
        }
        return nil
    }
}
