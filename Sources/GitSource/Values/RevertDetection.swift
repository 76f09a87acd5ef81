/// Whether a commit rolls an environment back, and to what.
public enum RevertDetection: Hashable, Sendable {
    /// An ordinary change (or one that does not touch the environment's path).
    case none
    /// The message says `This reverts commit <id>.` (as `git revert` writes it).
    case reverts(CommitID)
    /// After this commit the path's tree equals the tree at an earlier commit (not the parent).
    case returnsTo(CommitID)

    /// Whether the commit is a rollback of either kind.
    public var isRollback: Bool { self != .none }
}
