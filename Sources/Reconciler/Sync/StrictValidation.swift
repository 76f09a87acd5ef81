import Manifests

/// Checks the objects a sync would create or adopt for unknown fields before anything is
/// applied (objects to configure are checked by `DriftConfirmation`'s strict dry-run).
///
/// The kinds' schemas (Kubernetes 1.32 and the revision's CRDs) answer first, for free; an
/// object they cannot vouch for — a kind only the cluster serves, or a field they do not know,
/// which a newer server may — is dry-run with `fieldValidation=Strict`, and the server decides.
/// A custom resource whose CRD comes with the revision cannot be dry-run yet: its CRD's schema decides.
public struct StrictValidation: Sendable {
    public let cluster: any ClusterClient
    public var concurrency: Int

    public init(cluster: any ClusterClient, concurrency: Int = 8) {
        self.cluster = cluster
        self.concurrency = concurrency
    }

    /// - Parameter definitions: the revision's CustomResourceDefinitions.
    public func rejections(in diff: EnvironmentDiff, definitions: [JSON]) async -> [FieldRejection] {
        var schema = KubeSchema.builtin
        for definition in definitions { schema = (try? schema.adding(customResourceDefinition: definition)) ?? schema }
        var suspects: [(ObjectIdentity, JSON, [String]?)] = []
        for object in diff.objects where object.status == .outOfSync(.create) || object.status == .outOfSync(.adopt) {
            guard let desired = object.desired else { continue }
            let local = UnknownFields.paths(in: desired, schema: schema)
            if local?.isEmpty == true { continue }
            suspects.append((object.identity, desired, local))
        }
        let cluster = self.cluster
        let verdicts = await BoundedConcurrency.map(suspects, limit: concurrency) { suspect -> FieldRejection? in
            let (identity, desired, local) = suspect
            do {
                _ = try await cluster.apply(desired, fieldManager: Tracking.fieldManager, force: true, dryRun: true)
                return nil
            } catch {
                if let rejection = FieldRejection.from(error, identity: identity) { return rejection }
                // Not served yet (its CRD comes with this revision): the CRD's schema decides.
                if let local, !local.isEmpty {
                    let served = try? await cluster.servedType(identity.groupKind)
                    if served == nil { return FieldRejection(identity: identity, unknownFields: local) }
                }
                return nil  // any other rejection is the real apply's to report
            }
        }
        return verdicts.compactMap { $0 }
    }
}
