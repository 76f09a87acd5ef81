/// A resource regardless of version (`deployments` in `apps`): what objects are stored under.
struct GroupResource: Hashable, Sendable, Comparable, CustomStringConvertible {
    var group: String
    /// The plural resource name, e.g. `deployments`.
    var resource: String

    var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    static func < (a: Self, b: Self) -> Bool { (a.group, a.resource) < (b.group, b.resource) }
}
