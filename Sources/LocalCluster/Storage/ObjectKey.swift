/// Where one object is stored: its resource, namespace (`""` for cluster-scoped) and name.
struct ObjectKey: Hashable, Sendable, Comparable {
    var resource: GroupResource
    var namespace: String
    var name: String

    /// `namespace/name` (or `name`), the order `list` returns objects in, as etcd keys do.
    var path: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }

    static func < (a: Self, b: Self) -> Bool { (a.resource, a.path) < (b.resource, b.path) }
}
