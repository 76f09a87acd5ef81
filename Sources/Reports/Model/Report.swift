import Reconciler

/// What the renderers render: one or more environments' reports under a title.
public struct Report: Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// A preview: what a revision would change (`mooring diff`).
        case diff
        /// What a sync did (`mooring sync`, `mooring run --once`).
        case sync
        /// What one environment would become with another's manifests.
        case promotion
        /// What one recorded operation changed (`mooring history --diff N`).
        case operation
    }

    public var kind: Kind
    public var title: String
    public var environments: [EnvironmentReport]

    public init(kind: Kind, title: String? = nil, environments: [EnvironmentReport]) {
        self.kind = kind
        self.environments = environments
        self.title = title ?? Report.defaultTitle(kind: kind, environments: environments)
    }

    /// Whether any environment has a change (or a failure): exit code 1 for `mooring diff`.
    public var hasChanges: Bool { environments.contains(where: \.hasChanges) }

    /// Whether anything failed, is in conflict or ended unhealthy (Degraded or Missing): exit
    /// code 1 for a sync.
    public var hasFailures: Bool {
        environments.contains { environment in
            environment.count(.failed) > 0 || environment.count(.conflict) > 0 || [.degraded, .missing].contains(environment.health)
        }
    }

    static func defaultTitle(kind: Kind, environments: [EnvironmentReport]) -> String {
        let names = environments.map(\.environment).joined(separator: ", ")
        switch kind {
        case .diff: return "Mooring diff: \(names)"
        case .sync: return "Mooring sync: \(names)"
        case .promotion: return "Mooring promotion: \(names)"
        case .operation: return "Mooring operation: \(names)"
        }
    }
}
