/// Where one object stands against the revision, in Argo CD's words.
public enum SyncStatus: Sendable, Hashable, CustomStringConvertible {
    /// Live matches desired.
    case synced
    /// Live must change: `create` when it does not exist, `configure` when it differs, `adopt`
    /// when it exists without this environment's tracking and may be taken over.
    case outOfSync(OutOfSyncReason)
    /// Tracked live object the revision no longer has.
    case prune
    /// Declared, but the live object is not this environment's to change: made by someone else
    /// and not adopted, or owned by another environment or installation. Nothing is done to it.
    case conflict

    public enum OutOfSyncReason: String, Sendable, Hashable {
        case create
        case configure
        case adopt
    }

    public var isSynced: Bool { self == .synced }

    public var description: String {
        switch self {
        case .synced: return "Synced"
        case .outOfSync(let reason): return "OutOfSync (\(reason.rawValue))"
        case .prune: return "OutOfSync (prune)"
        case .conflict: return "Conflict"
        }
    }
}
