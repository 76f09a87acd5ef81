import Manifests
import Reconciler

extension EnvironmentReport {
    /// The preview of a revision: what applying it would do to each object.
    ///
    /// An object that differs although it carries this very revision's annotation was edited by
    /// hand: it is reported as `drifted`, not `configure`.
    public init(diff: EnvironmentDiff, commit: CommitInfo? = nil, context: ReportContext? = nil,
                warnings: [ManifestWarning] = [], remarks: [String] = []) {
        var objects: [ObjectReport] = []
        var changedSecrets: [ObjectIdentity] = []
        for object in diff.objects {
            let action = EnvironmentReport.action(of: object, revision: diff.revision)
            objects.append(ObjectReport(identity: object.identity, action: action, changes: object.changes,
                                        manifest: action == .create ? object.displayDesired : nil))
            if SecretMask.isSecret(object.identity), action == .configure || action == .drifted,
               object.changes.contains(where: { SecretMask.holdsValues($0.path) }) {
                changedSecrets.append(object.identity)
            }
        }
        let notes = PolicyChecker.notes(objects: diff.objects.compactMap(\.desired), warnings: warnings, changedSecrets: changedSecrets)
        var remarks = remarks
        let unconfirmed = diff.needingDryRun.count
        if unconfirmed > 0 {
            remarks.append("\(unconfirmed) object\(unconfirmed == 1 ? "" : "s") not confirmed by a server-side dry-run: "
                + "a server default or webhook may account for the difference.")
        }
        self.init(environment: diff.environment, revision: diff.revision, commit: commit, context: context,
                  objects: objects, notes: notes, remarks: remarks)
    }

    static func action(of object: ObjectDiff, revision: String) -> ObjectAction {
        switch object.status {
        case .synced: return .unchanged
        case .prune: return .prune
        case .outOfSync(.create): return .create
        case .outOfSync(.configure):
            let applied = object.live?[path: ["metadata", "annotations", Tracking.revisionAnnotation]]?.stringValue
            return applied == revision ? .drifted : .configure
        }
    }
}
