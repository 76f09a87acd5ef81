import Reconciler

/// Why a revision is being applied, when it is more than a new commit: a rollback or a promotion.
public enum ReportContext: Sendable, Hashable {
    /// Returning to an earlier state. `to` is the revision whose state comes back, when known.
    case rollback(from: String, to: String?, reason: String)
    /// Bringing one environment's manifests to another.
    case promotion(fromEnvironment: String, toEnvironment: String, sourceRevision: String?)

    /// From the reconcile loop's detection of a revert or a restored tree.
    public init(_ detection: RollbackDetection) {
        self = .rollback(from: detection.from, to: detection.to,
                         reason: detection.kind == .revert ? "git revert" : "restores an earlier tree")
    }

    /// `rolled back from 1a2b3c4 to 0f9e8d7 (git revert)`, `promotion of develop to master`
    public var sentence: String {
        switch self {
        case .rollback(let from, let to, let reason):
            var text = "rolled back from \(from.prefix(7))"
            if let to { text += " to \(to.prefix(7))" }
            return reason.isEmpty ? text : "\(text) (\(reason))"
        case .promotion(let from, let to, let revision):
            var text = "promotion of \(from) to \(to)"
            if let revision { text += " at \(revision.prefix(7))" }
            return text
        }
    }
}
