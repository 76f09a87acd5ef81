import Manifests
import Reconciler

extension EnvironmentReport {
    /// The preview of a revision: what applying it would do to each object.
    ///
    /// An object that differs although it carries this very revision's annotation was edited by
    /// hand: it is reported as `drifted`, not `configure`. A prune the plan would not carry out
    /// (`kept`: prune off, an emptied revision without `allowEmpty`, a failed LIST, an annotation)
    /// is reported as kept, with the reason it is blocked.
    public init(diff: EnvironmentDiff, commit: CommitInfo? = nil, context: ReportContext? = nil,
                warnings: [ManifestWarning] = [], remarks: [String] = [], kept: [KeptObject] = []) {
        var objects: [ObjectReport] = []
        var changedSecrets: [ObjectIdentity] = []
        let blocked = Dictionary(kept.map { ($0.identity, $0.reason) }, uniquingKeysWith: { first, _ in first })
        for object in diff.objects {
            var action = EnvironmentReport.action(of: object, revision: diff.revision)
            var message = EnvironmentReport.message(for: object)
            if action == .prune, let reason = blocked[object.identity] {
                action = .kept
                message = "prune blocked: \(reason)"
            }
            objects.append(ObjectReport(identity: object.identity, action: action, changes: object.changes,
                                        manifest: action == .create ? object.displayDesired : nil,
                                        message: message))
            if SecretMask.isSecret(object.identity), action == .configure || action == .drifted,
               object.changes.contains(where: { SecretMask.holdsValues($0.path) }) {
                changedSecrets.append(object.identity)
            }
        }
        let kept = diff.toPrune.compactMap { object in object.contents.map { (namespace: object.identity, holds: $0.blockers) } }
        let notes = PolicyChecker.notes(objects: diff.objects.compactMap(\.desired), warnings: warnings, changedSecrets: changedSecrets)
            + PolicyChecker.namespaceNotes(kept: kept)
        var remarks = remarks
        let unconfirmed = diff.needingDryRun.count
        if unconfirmed > 0 {
            remarks.append("\(unconfirmed) object\(unconfirmed == 1 ? "" : "s") not confirmed by a server-side dry-run: "
                + "a server default or webhook may account for the difference.")
        }
        self.init(environment: diff.environment, revision: diff.revision, commit: commit, context: context,
                  objects: objects, notes: notes, remarks: remarks)
    }

    /// Why an object is in conflict or kept, or what a Namespace's prune deletes with it.
    static func message(for object: ObjectDiff) -> String? {
        if let conflict = object.conflict { return conflict.reasonText }
        guard object.status == .prune, let contents = object.contents else { return nil }
        if let reason = contents.blockingReason { return reason }
        return contents.deletedWithIt.isEmpty ? nil : "deletes with it: " + contents.deletedWithIt.map(\.description).joined(separator: ", ")
    }

    static func action(of object: ObjectDiff, revision: String) -> ObjectAction {
        switch object.status {
        case .synced: return .unchanged
        case .prune: return object.contents?.blocksPrune == true ? .kept : .prune
        case .conflict: return .conflict
        case .outOfSync(.create): return .create
        case .outOfSync(.adopt): return .adopt
        case .outOfSync(.configure):
            let applied = object.live?[path: ["metadata", "annotations", Tracking.revisionAnnotation]]?.stringValue
            return applied == revision ? .drifted : .configure
        }
    }
}
