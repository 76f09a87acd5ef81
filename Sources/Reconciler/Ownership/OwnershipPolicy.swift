import Manifests

/// Decides, for one environment, which declared objects it may change: pure, between the
/// Differ and the planner.
///
/// - an object that does not exist is created (`mooring.dev/origin: created`);
/// - an object this environment owns is configured as usual;
/// - an object someone made by hand or with another tool is adopted only when the environment
///   sets `adopt: true` or the object (in git or live) is annotated `mooring.dev/adopt: "true"`
///   (`mooring.dev/origin: adopted`); otherwise it is a conflict naming its field managers;
/// - an object another environment or installation owns is a conflict.
///
/// A conflict is neither applied nor pruned, and keeps the environment from being Synced.
public struct OwnershipPolicy: Sendable {
    public var owner: Owner
    /// The environment's `adopt` setting.
    public var adoptAll: Bool
    public var transfer: FieldOwnershipTransfer

    public init(owner: Owner, adoptAll: Bool = false, transfer: FieldOwnershipTransfer = FieldOwnershipTransfer()) {
        self.owner = owner
        self.adoptAll = adoptAll
        self.transfer = transfer
    }

    /// The desired objects with `mooring.dev/origin` set from what exists: `created` for a new
    /// object, `adopted` for one taken over, and whatever an owned object already records.
    public func stamp(_ desired: [JSON], live: [ObjectIdentity: JSON]) -> [JSON] {
        var stamped = desired
        stamp(&stamped, live: live)
        return stamped
    }

    /// Stamps the objects where they are: objects no one else holds (a pass's freshly prepared
    /// ones) are changed in place, not copied, so a pass over 10,000 objects does not hold a
    /// prepared and a stamped copy of each at once.
    public func stamp(_ desired: inout [JSON], live: [ObjectIdentity: JSON]) {
        for index in desired.indices {
            guard let identity = ObjectIdentity(of: desired[index]) else { continue }
            let origin: Origin
            if let existing = live[identity] {
                switch LiveClaim(of: existing, for: owner) {
                case .ours: origin = Origin(of: existing) ?? .created
                case .unmanaged: origin = .adopted
                case .other: continue
                }
            } else {
                origin = .created
            }
            desired[index][path: ["metadata", "annotations", Tracking.originAnnotation]] = .string(origin.rawValue)
        }
    }

    /// The diff with adoptions and conflicts marked, and other owners' objects (which share this
    /// environment's labels) taken out of the prune set.
    ///
    /// - Parameter differ: diffs an adoption against the live object as it will be once the
    ///   previous appliers' fields are mooring's, so the fields the adoption removes show.
    public func review(_ diff: EnvironmentDiff, differ: Differ) -> EnvironmentDiff {
        var reviewed = diff
        reviewed.objects = diff.objects.compactMap { object -> ObjectDiff? in
            guard let live = object.live else { return object }
            let claim = LiveClaim(of: live, for: owner)
            switch (object.status, claim) {
            case (.prune, .ours): return object
            case (.prune, _): return nil
            case (_, .ours): return object
            case (_, .other(let other)):
                return conflict(object, .ownedBy(other))
            case (_, .unmanaged):
                guard let desired = object.desired, mayAdopt(desired: desired, live: live) else {
                    return conflict(object, .notAdopted(managers: OwnershipConflict.managers(of: live)))
                }
                var adoption = differ.diff(desired: desired, live: transfer.transferred(live))
                adoption.status = .outOfSync(.adopt)
                adoption.live = live
                adoption.needsDryRunConfirmation = false
                return adoption
            }
        }
        return reviewed
    }

    /// Marks this environment's objects that another environment or installation claims (see
    /// `OwnershipClaims`) as conflicts: declared ones are not applied, undeclared ones not pruned.
    public func contested(_ diff: EnvironmentDiff, by claims: [ObjectIdentity: Owner]) -> EnvironmentDiff {
        guard !claims.isEmpty else { return diff }
        var marked = diff
        marked.objects = diff.objects.map { object in
            guard object.status != .conflict, let other = claims[object.identity], other != owner else { return object }
            return conflict(object, .claimedBy(other))
        }
        return marked
    }

    func mayAdopt(desired: JSON, live: JSON) -> Bool {
        if adoptAll { return true }
        let annotation = [Tracking.adoptAnnotation]
        return desired[path: ["metadata", "annotations"] + annotation]?.stringValue == "true"
            || live[path: ["metadata", "annotations"] + annotation]?.stringValue == "true"
    }

    private func conflict(_ object: ObjectDiff, _ reason: OwnershipConflict.Reason) -> ObjectDiff {
        var marked = object
        marked.status = .conflict
        marked.changes = []
        marked.needsDryRunConfirmation = false
        marked.conflict = OwnershipConflict(identity: object.identity, reason: reason, environment: owner.environment)
        return marked
    }
}
