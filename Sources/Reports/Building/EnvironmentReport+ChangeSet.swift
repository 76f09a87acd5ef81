import Manifests
import Reconciler

extension EnvironmentReport {
    /// What a sync did (or, for a dry run, would do).
    ///
    /// - Parameters:
    ///   - desired: the revision's objects, for the policy notes (a change set does not keep them).
    ///   - warnings: the renderer's YAML warnings for the revision.
    public init(changeSet: ChangeSet, commit: CommitInfo? = nil, context: ReportContext? = nil, previousRevision: String? = nil,
                desired: [JSON] = [], warnings: [ManifestWarning] = [], remarks: [String] = []) {
        var objects: [ObjectReport] = []
        var changedSecrets: [ObjectIdentity] = []
        let manifests = Dictionary(desired.compactMap { object in ObjectIdentity(of: object).map { ($0, object) } },
                                   uniquingKeysWith: { first, _ in first })
        for entry in changeSet.entries {
            let action = EnvironmentReport.action(of: entry.action, operation: changeSet.operation)
            objects.append(ObjectReport(identity: entry.identity, action: action, changes: entry.changes,
                                        manifest: action == .create ? manifests[entry.identity] : nil,
                                        health: entry.health, message: entry.message))
            if SecretMask.isSecret(entry.identity), action == .configure || action == .drifted,
               entry.changes.contains(where: { SecretMask.holdsValues($0.path) }) {
                changedSecrets.append(entry.identity)
            }
        }
        let kept = changeSet.entries(.kept).map { (namespace: $0.identity, holds: $0.holds) }
        let notes = PolicyChecker.notes(objects: desired, warnings: warnings, changedSecrets: changedSecrets)
            + PolicyChecker.namespaceNotes(kept: kept)
        self.init(environment: changeSet.environment, revision: changeSet.revision, previousRevision: previousRevision,
                  commit: commit, context: context, operation: changeSet.operation, applied: !changeSet.dryRun,
                  objects: objects, health: changeSet.operationHealth, notes: notes, remarks: remarks)
        hooks = changeSet.hooks
    }

    /// A self-heal's configured objects are drift that was corrected.
    static func action(of action: ChangeAction, operation: SyncOperation) -> ObjectAction {
        switch action {
        case .created: return .create
        case .configured: return operation == .selfHeal ? .drifted : .configure
        case .adopted: return .adopt
        case .conflict: return .conflict
        case .unchanged: return .unchanged
        case .pruned: return .prune
        case .failed: return .failed
        case .kept: return .kept
        }
    }
}
