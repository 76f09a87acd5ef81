import Manifests

/// Refuses a revision that declares an object another environment of the same configuration,
/// moored to the same cluster, declares too: one object has one owner, or the two environments
/// would flip it on every pass and each could prune what the other still wants.
///
///     environments/develop/shared.yaml:1: ConfigMap shared/settings is declared by environment develop
///     and by environment master (environments/master/shared.yaml:1), both moored to cluster local; …
public struct SiblingDeclarations: Sendable {
    /// Where each of this environment's objects is declared.
    public var own: [ObjectIdentity: SourceLocation]
    public var environment: String
    public var cluster: String

    public init(own: [ObjectIdentity: SourceLocation], environment: String, cluster: String) {
        self.own = own
        self.environment = environment
        self.cluster = cluster
    }

    /// The objects `sibling` declares that this environment declares too, as one message per
    /// object; empty when there are none.
    public func overlaps(with sibling: String, declaring theirs: [ObjectIdentity: SourceLocation]) -> [String] {
        own.keys.filter { theirs[$0] != nil }.sorted().map { identity in
            "\(own[identity]!): \(identity) is declared by environment \(environment) and by environment \(sibling) "
                + "(\(theirs[identity]!)), both moored to cluster \(cluster); an object has one owner: remove it from one of them"
        }
    }
}
