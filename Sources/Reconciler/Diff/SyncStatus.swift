/// Where one object stands against the revision, in Argo CD's words.
public enum SyncStatus: Sendable, Hashable, CustomStringConvertible {
    /// Live matches desired.
    case synced
    /// Live must change: `create` when it does not exist, `configure` when it differs.
    case outOfSync(OutOfSyncReason)
    /// Tracked live object the revision no longer has.
    case prune

    public enum OutOfSyncReason: String, Sendable, Hashable {
        case create
        case configure
    }

    public var isSynced: Bool { self == .synced }

    public var description: String {
        switch self {
        case .synced: return "Synced"
        case .outOfSync(let reason): return "OutOfSync (\(reason.rawValue))"
        case .prune: return "OutOfSync (prune)"
        }
    }
}
