import Manifests

/// Settles suspected differences with server-side dry-run applies: a default or a webhook may
/// account for what the local comparison saw, and only what the server would change is drift.
public struct DriftConfirmation: Sendable {
    public let cluster: any ClusterClient
    public let differ: Differ
    public var concurrency: Int

    public init(cluster: any ClusterClient, differ: Differ, concurrency: Int = 8) {
        self.cluster = cluster
        self.differ = differ
        self.concurrency = concurrency
    }

    /// The diff with every suspected difference confirmed or cleared. A dry-run the server
    /// rejects leaves the object OutOfSync: the real apply reports the rejection.
    public func confirm(_ diff: EnvironmentDiff) async -> EnvironmentDiff {
        await confirmStrictly(diff).diff
    }

    /// `confirm`, plus the objects whose dry-run (`fieldValidation=Strict`) refused unknown or
    /// duplicate fields: a revision with any must not be applied at all.
    public func confirmStrictly(_ diff: EnvironmentDiff) async -> (diff: EnvironmentDiff, rejections: [FieldRejection]) {
        let suspects = diff.needingDryRun.compactMap { object in object.desired.map { (object.identity, $0) } }
        guard !suspects.isEmpty else { return (diff, []) }
        let cluster = self.cluster
        let results = await BoundedConcurrency.map(suspects, limit: concurrency) { suspect -> Result<JSON, any Error> in
            do { return .success(try await cluster.apply(suspect.1, fieldManager: Tracking.fieldManager, force: true, dryRun: true)) }
            catch { return .failure(error) }
        }
        var byIdentity: [ObjectIdentity: JSON] = [:]
        var rejections: [FieldRejection] = []
        for (suspect, result) in zip(suspects, results) {
            switch result {
            case .success(let object): byIdentity[suspect.0] = object
            case .failure(let error): if let rejection = FieldRejection.from(error, identity: suspect.0) { rejections.append(rejection) }
            }
        }
        return (differ.confirm(diff, dryRunResults: byIdentity), rejections)
    }
}
