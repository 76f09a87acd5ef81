/// What a report says about one object: what a diff would do to it, or what a sync did.
public enum ObjectAction: String, Sendable, Hashable, CaseIterable {
    /// Not in the cluster yet; the revision adds it.
    case create
    /// Differs because the revision changed it.
    case configure
    /// Exists without mooring's tracking and is taken over (`adopt: true` or `mooring.dev/adopt`).
    case adopt
    /// Tracked, but the revision no longer has it.
    case prune
    /// Differs although the revision that was applied did not change it: a hand-made edit.
    case drifted
    /// Declared, but not this environment's to change: made by someone else and not adopted, or
    /// owned by another environment or installation. Left alone; the environment is not Synced.
    case conflict
    /// The API server rejected it, or an earlier step failed.
    case failed
    /// Left in place on purpose (prune off, `mooring.dev/prune: "false"`).
    case kept
    /// Live matches desired.
    case unchanged

    /// Report order and importance: what a reviewer must look at first comes first, and
    /// truncation drops from the end.
    public var rank: Int { ObjectAction.allCases.firstIndex(of: self)! }

    /// Whether the object differs from (or did differ from) the revision.
    public var isChange: Bool { [.create, .configure, .adopt, .prune, .drifted].contains(self) }

    /// Whether the object keeps the environment from being in sync without being a change:
    /// a failure or a conflict.
    public var isProblem: Bool { self == .failed || self == .conflict }

    /// `2 to create`, `2 created`, `1 drifted`, `4 unchanged`: a count in a summary line.
    public func counted(_ count: Int, applied: Bool) -> String {
        switch self {
        case .create, .configure, .adopt, .prune:
            return applied ? "\(count) \(title(applied: true).lowercased())" : "\(count) to \(rawValue)"
        case .conflict:
            return "\(count) in conflict"
        default:
            return "\(count) \(title(applied: applied).lowercased())"
        }
    }

    /// The word for a planned action (`Create`) or a done one (`Created`).
    public func title(applied: Bool) -> String {
        switch self {
        case .create: return applied ? "Created" : "Create"
        case .configure: return applied ? "Configured" : "Configure"
        case .adopt: return applied ? "Adopted" : "Adopt"
        case .conflict: return "Conflict"
        case .prune: return applied ? "Pruned" : "Prune"
        case .drifted: return applied ? "Drift corrected" : "Drifted"
        case .failed: return "Failed"
        case .kept: return "Kept"
        case .unchanged: return "Unchanged"
        }
    }
}
