/// The environments of one configuration moored to one cluster, as each of their reconcilers
/// sees its siblings: one list shared by all of them (an environment skips itself), so a
/// thousand environments hold one copy of the list rather than a thousand copies of 999, and the
/// refs they follow are collected once.
public final class SiblingEnvironments: Sendable, ExpressibleByArrayLiteral {
    public let environments: [EnvironmentConfiguration]
    /// The distinct refs the environments follow (`nil`: the repository's default branch).
    let refs: [String?]

    public init(_ environments: [EnvironmentConfiguration]) {
        self.environments = environments
        var seen = Set<String>()
        refs = environments.map(\.ref).filter { seen.insert($0 ?? "").inserted }
    }

    public convenience init(arrayLiteral environments: EnvironmentConfiguration...) { self.init(environments) }

    /// Whether an environment other than `name` is among them.
    func hasAny(besides name: String) -> Bool { environments.contains { $0.name != name } }

    /// The environments other than `name`.
    func besides(_ name: String) -> some Sequence<EnvironmentConfiguration> { environments.lazy.filter { $0.name != name } }
}
