/// The knobs of applying, pruning and waiting that are not in `mooring.yaml`.
public struct SyncOptions: Sendable {
    /// Requests in flight at once within one sync step (and for GETs and dry-runs).
    public var concurrency: Int
    /// How long a pruned object may take to disappear.
    public var deleteTimeout: Duration
    /// How long a custom resource waits for its CRD to be Established.
    public var definitionTimeout: Duration
    /// How often health is assessed again while waiting.
    public var healthPollInterval: Duration
    /// How often a deletion or a CRD is looked at again.
    public var pollInterval: Duration

    public init(concurrency: Int = 8, deleteTimeout: Duration = .seconds(120), definitionTimeout: Duration = .seconds(60),
                healthPollInterval: Duration = .seconds(1), pollInterval: Duration = .milliseconds(200)) {
        self.concurrency = concurrency
        self.deleteTimeout = deleteTimeout
        self.definitionTimeout = definitionTimeout
        self.healthPollInterval = healthPollInterval
        self.pollInterval = pollInterval
    }
}
