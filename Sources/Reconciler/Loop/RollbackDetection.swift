/// Recognises a new revision that is a rollback: a `git revert` (its message says
/// "This reverts commit <id>.") or a commit that returns the environment's folder to the tree of
/// an earlier revision in the history.
public struct RollbackDetection: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The commit is a `git revert`.
        case revert
        /// The folder's content equals an earlier applied revision's.
        case restoredTree
    }

    public var kind: Kind
    /// The commit reverted, or the revision being left.
    public var from: String
    /// The earlier revision whose state comes back, when known.
    public var to: String?

    public init(kind: Kind, from: String, to: String?) {
        self.kind = kind
        self.from = from
        self.to = to
    }

    /// `rollback of 1a2b3c4 to 0f9e8d7 (git revert)`
    public var message: String {
        var text = "rollback of \(from.prefix(7))"
        if let to { text += " to \(to.prefix(7))" }
        return text + (kind == .revert ? " (git revert)" : " (restores an earlier tree)")
    }

    /// - Parameters:
    ///   - new: the revision about to be applied.
    ///   - history: the environment's history (what was applied before).
    ///   - treeOf: the path tree of an earlier revision (from `ConfigSource.describe`), `nil` if unknown.
    public static func detect(new: RevisionFacts, history: History, treeOf: (String) -> String?) -> RollbackDetection? {
        let applied = history.records.filter { $0.result == .succeeded }.map(\.revision)
        let previous = history.latest?.revision
        func restored() -> String? {
            guard let tree = new.pathTree else { return nil }
            return applied.reversed().first { $0 != previous && $0 != new.revision && treeOf($0) == tree }
        }
        if let reverted = revertedCommit(in: new.message) {
            return RollbackDetection(kind: .revert, from: reverted, to: restored())
        }
        guard let previous, previous != new.revision, let tree = new.pathTree, treeOf(previous) != tree,
              let earlier = restored()
        else { return nil }
        return RollbackDetection(kind: .restoredTree, from: previous, to: earlier)
    }

    /// The commit id in git's revert message ("This reverts commit <id>."), the last one if the
    /// message reverts several.
    public static func revertedCommit(in message: String) -> String? {
        let marker = "This reverts commit "
        var found: String?
        var rest = Substring(message)
        while let range = rest.range(of: marker) {
            let id = rest[range.upperBound...].prefix { $0.isHexDigit }
            if id.count >= 7 { found = String(id) }
            rest = rest[range.upperBound...]
        }
        return found
    }
}
