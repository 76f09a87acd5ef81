import KubeAPI

/// One environment: a folder of the config repository at a ref, moored to a cluster, with the
/// policies the loop applies to it.
public struct EnvironmentConfiguration: Sendable, Equatable {
    /// The name, also used in the tracking label and the history ConfigMap's name.
    public var name: String
    /// Branch, tag or commit; `nil` is the repository's default branch.
    public var ref: String?
    /// Folder of manifests inside the repository (default `environments/<name>`).
    public var path: String
    public var cluster: ClusterTarget
    /// `cluster.qps` / `cluster.burst`: the client-side rate limit toward a real cluster;
    /// `nil` keeps kubectl's 50 / 300.
    public var clientRateLimit: RateLimit?
    /// Namespace given to namespaced objects that name none (default `default`).
    public var namespace: String
    /// Delete tracked objects the revision no longer has.
    public var prune: Bool
    /// Re-apply drift made by hand.
    public var selfHeal: Bool
    /// How long an apply may take to become Healthy before it counts as Degraded.
    public var healthTimeout: Duration
    /// The per-request timeout of this environment's cluster (`requestTimeout`; kubectl's
    /// `--request-timeout`): a request the server accepts but does not answer within it fails.
    public var requestTimeout: Duration = EnvironmentConfiguration.defaultRequestTimeout
    /// The deadline of one pass of this environment (`timeout`, as Flux's Kustomization): past
    /// it the pass is abandoned and reported failed, so a hung cluster cannot hold up the
    /// process. `nil` is twice `healthTimeout` + `hookTimeout` (a rollback waits for health and
    /// hooks again) plus 2 min.
    public var timeout: Duration? = nil
    /// How long one sync hook may run before it fails the operation; `nil` is `healthTimeout`.
    public var hookTimeout: Duration?
    /// Roll back to the last Healthy revision when health ends Degraded.
    public var rollbackOnFailure: Bool
    /// Allow a revision with no objects to prune everything.
    public var allowEmpty: Bool
    /// After an auto-rollback, also commit and push a revert of the bad commit.
    public var revertInGit: Bool
    public var ignoreDifferences: [IgnoreDifferenceRule]
    /// `plain` or `kustomize`; `nil` detects a kustomization in the folder.
    public var render: RenderMode?
    /// Take over objects that exist without mooring's tracking (otherwise each is a conflict
    /// unless annotated `mooring.dev/adopt: "true"`).
    public var adopt: Bool
    /// Field managers, besides kubectl's, `before-first-apply` and `helm`, whose fields an
    /// adoption hands to mooring.
    public var adoptFrom: [String]
    /// The configuration's `installation`: with the name, who owns the objects applied.
    public var installation: String

    /// The custom health checks (`health.scripts`, the same in every environment).
    public var healthChecks: HealthChecks = .builtIn

    /// The owner annotation's value for this environment.
    public var owner: Owner { Owner(installation: installation, environment: name) }

    public static let defaultHealthTimeout: Duration = .seconds(300)
    public static let defaultRequestTimeout: Duration = .seconds(30)

    /// The pass deadline in effect: `timeout`, or the default derived from `healthTimeout`.
    public var passDeadline: Duration { timeout ?? (healthTimeout + effectiveHookTimeout) * 2 + .seconds(120) }

    /// `hookTimeout`, else `healthTimeout`.
    public var effectiveHookTimeout: Duration { hookTimeout ?? healthTimeout }

    public init(
        name: String, ref: String? = nil, path: String? = nil, cluster: ClusterTarget = .local,
        namespace: String = "default", prune: Bool = false, selfHeal: Bool = false,
        healthTimeout: Duration = EnvironmentConfiguration.defaultHealthTimeout,
        rollbackOnFailure: Bool = false, allowEmpty: Bool = false, revertInGit: Bool = false,
        ignoreDifferences: [IgnoreDifferenceRule] = [], adopt: Bool = false, adoptFrom: [String] = [],
        installation: String = MooringConfiguration.defaultInstallation, render: RenderMode? = nil
    ) {
        self.name = name
        self.ref = ref
        self.path = path ?? "environments/\(name)"
        self.cluster = cluster
        self.namespace = namespace
        self.prune = prune
        self.selfHeal = selfHeal
        self.healthTimeout = healthTimeout
        self.rollbackOnFailure = rollbackOnFailure
        self.allowEmpty = allowEmpty
        self.revertInGit = revertInGit
        self.ignoreDifferences = ignoreDifferences
        self.adopt = adopt
        self.adoptFrom = adoptFrom
        self.installation = installation
        self.render = render
    }
}
