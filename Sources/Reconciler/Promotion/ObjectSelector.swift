import Manifests

/// One object a promotion is restricted to (`--only kind/name`): `Deployment/django-admin`,
/// `configmap/django-settings`, `Ingress.networking.k8s.io/web`. Namespaces are not named: they
/// differ between environments, and an environment rarely holds two objects of one kind and name.
public struct ObjectSelector: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var name: String

    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }

    /// Parses `kind/name`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw PromotionError("--only \(text): expected kind/name, e.g. Deployment/django-admin")
        }
        self.init(kind: String(parts[0]), name: String(parts[1]))
    }

    public func matches(_ identity: ObjectIdentity) -> Bool {
        identity.name == name && KindName.matches(kind, identity.groupKind)
    }

    public var description: String { "\(kind)/\(name)" }
}
