/// Which object a manifest or a live object is: its type, namespace and name.
///
/// Two identities are the same object when group, kind, namespace and name agree; the version
/// is carried for requests but does not change which object is meant.
public struct ObjectIdentity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var type: GroupVersionKind
    /// `nil` for cluster-scoped objects (and for namespaced ones not yet given a namespace).
    public var namespace: String?
    public var name: String

    public init(type: GroupVersionKind, namespace: String?, name: String) {
        self.type = type
        self.namespace = (namespace?.isEmpty ?? true) ? nil : namespace
        self.name = name
    }

    /// Reads `apiVersion`, `kind`, `metadata.namespace` and `metadata.name`; `nil` if any required one is missing.
    public init?(of object: JSON) {
        let metadata = object["metadata"]
        guard let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty,
              let kind = object["kind"]?.stringValue, !kind.isEmpty,
              let name = metadata?["name"]?.stringValue, !name.isEmpty
        else { return nil }
        self.init(type: GroupVersionKind(apiVersion: apiVersion, kind: kind), namespace: metadata?["namespace"]?.stringValue, name: name)
    }

    public var group: String { type.group }
    public var kind: String { type.kind }
    public var groupKind: GroupKind { type.groupKind }

    /// `Deployment.apps web/django` or `Namespace web`: how messages name an object.
    public var description: String {
        if let namespace { return "\(type.groupKind) \(namespace)/\(name)" }
        return "\(type.groupKind) \(name)"
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.type.group == b.type.group && a.type.kind == b.type.kind && a.namespace == b.namespace && a.name == b.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type.group)
        hasher.combine(type.kind)
        hasher.combine(namespace)
        hasher.combine(name)
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.type.group, a.type.kind, a.namespace ?? "", a.name) < (b.type.group, b.type.kind, b.namespace ?? "", b.name)
    }
}
