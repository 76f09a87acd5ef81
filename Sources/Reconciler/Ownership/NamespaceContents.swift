import Manifests

/// What a Namespace about to be pruned still holds: deleting a Namespace deletes everything in
/// it, so it is pruned only when nothing in it is someone else's.
public struct NamespaceContents: Sendable, Hashable {
    /// Objects this environment does not track (nor prune in the same sync), and that no
    /// controller made for an owner: made by hand or by another tool. Any of them blocks the prune.
    public var foreign: [ObjectIdentity]
    /// Objects the revision still declares in it (their Namespace's manifest is gone, they are
    /// not): deleting the Namespace would delete them too.
    public var declared: [ObjectIdentity]
    /// Everything else the deletion takes with it: objects controllers made for owners (Pods of
    /// a ReplicaSet), the namespace's defaults (`default` ServiceAccount, `kube-root-ca.crt`).
    public var deletedWithIt: [ObjectIdentity]
    /// Types that could not be listed: the contents are unknown, so the prune is refused too.
    public var unreadTypes: [String]

    public init(foreign: [ObjectIdentity] = [], declared: [ObjectIdentity] = [], deletedWithIt: [ObjectIdentity] = [], unreadTypes: [String] = []) {
        self.foreign = foreign
        self.declared = declared
        self.deletedWithIt = deletedWithIt
        self.unreadTypes = unreadTypes
    }

    public var blocksPrune: Bool { !foreign.isEmpty || !declared.isEmpty || !unreadTypes.isEmpty }

    /// What blocks the prune: the foreign objects, then the declared ones.
    public var blockers: [ObjectIdentity] { foreign + declared }

    /// Why the Namespace is kept, naming what blocks it; `nil` when nothing does.
    public var blockingReason: String? {
        if !foreign.isEmpty {
            let count = foreign.count
            return "not pruned: it holds \(count) object\(count == 1 ? "" : "s") this environment does not track: "
                + foreign.map(\.description).joined(separator: ", ")
        }
        if !declared.isEmpty {
            let count = declared.count
            return "not pruned: it holds \(count) object\(count == 1 ? "" : "s") the revision still declares: "
                + declared.map(\.description).joined(separator: ", ")
        }
        if !unreadTypes.isEmpty {
            return "not pruned: what it holds is unknown (listing \(unreadTypes.joined(separator: ", ")) failed)"
        }
        return nil
    }
}
