import Manifests
import Synchronization

/// The verdicts of the last reconcile of one environment, for `mooring run`: an object whose
/// desired content and live resourceVersion are both what they were when it was last found in
/// sync (dry-run confirmation included) is in sync still, and is not normalised, compared or
/// dry-run again. Any change on either side — new desired content, an edit in the cluster, even
/// one that only bumps the resourceVersion — diffs it afresh. A new revision that leaves the
/// object as it was changes only its `mooring.dev/revision` annotation, which the diff ignores
/// (`ObjectNormalizer`): its verdict stands. A no-op pass then costs time in proportion to what
/// changed, not to the environment's size.
///
/// An entry keeps only what an in-sync verdict is rebuilt from (the desired object, the live
/// resourceVersion, and what an apply would send when `ignoreDifferences` made it differ), not
/// the `ObjectDiff` itself: at 10,000 objects whole verdicts held 18 MB, these about 2.
public final class DiffMemo: Sendable {
    private struct Entry {
        var desired: JSON
        /// The live resourceVersion the object was found in sync at; `nil` when it was not.
        var liveVersion: String?
        /// `ObjectDiff.desired` when it is not `desired` (live values kept for ignored fields).
        var toApply: JSON?
    }

    private let entries = Mutex<[ObjectIdentity: Entry]>([:])

    public init() {}

    /// The remembered in-sync verdict for `desired` against `live`, if both are unchanged.
    func verdict(desired: JSON, live: JSON?) -> ObjectDiff? {
        guard let live, let identity = ObjectIdentity(of: desired),
              let version = live[path: ["metadata", "resourceVersion"]]?.stringValue else { return nil }
        return entries.withLock { entries -> ObjectDiff? in
            guard let entry = entries[identity], let seen = entry.liveVersion, seen == version,
                  Self.same(entry.desired, desired) else { return nil }
            guard var applied = entry.toApply else {
                return ObjectDiff(identity: identity, status: .synced, desired: desired, live: live)
            }
            // Live values kept for ignored fields, under the revision the object is at now.
            applied[path: Self.revisionPath] = desired[path: Self.revisionPath]
            return ObjectDiff(identity: identity, status: .synced, desired: applied, live: live)
        }
    }

    /// Remembers every desired object of a finished diff, and the verdicts of those it found in
    /// sync; forgets every other.
    func remember(_ diff: EnvironmentDiff, desired: [JSON]) {
        // The last pass's entries are done with (the diff that read them is finished): dropped
        // before the new ones are built, so the two sets are never held at once.
        entries.withLock { $0 = [:] }
        var fresh: [ObjectIdentity: Entry] = [:]
        fresh.reserveCapacity(desired.count)
        for object in desired {
            if let identity = ObjectIdentity(of: object) { fresh[identity] = Entry(desired: object) }
        }
        // An in-sync verdict has no changes, conflict or namespace contents: identity, desired
        // and live rebuild it.
        for object in diff.objects where object.status == .synced && !object.needsDryRunConfirmation {
            guard let wanted = fresh[object.identity]?.desired,
                  let version = object.live?[path: ["metadata", "resourceVersion"]]?.stringValue else { continue }
            fresh[object.identity]?.liveVersion = version
            if let applied = object.desired, applied != wanted { fresh[object.identity]?.toApply = applied }
        }
        entries.withLock { $0 = fresh }
    }

    /// Replaces each object equal to the one the last pass diffed under its identity by that
    /// one: consecutive passes then hold one copy of an unchanged desired object, not one each
    /// (the last outcome keeps the last pass's until the next replaces it), and `verdict`
    /// compares an object with itself.
    func share(_ desired: inout [JSON]) {
        entries.withLock { entries in
            for index in desired.indices {
                guard let identity = ObjectIdentity(of: desired[index]), let held = entries[identity]?.desired,
                      held == desired[index] else { continue }
                desired[index] = held
            }
        }
    }

    /// How many in-sync verdicts are remembered.
    var count: Int { entries.withLock { $0.values.count { $0.liveVersion != nil } } }

    private static let revisionPath = ["metadata", "annotations", Tracking.revisionAnnotation]

    /// Equal, or equal but for the revision annotation (compared again with it copied over only
    /// when they differ, so an unchanged revision costs one comparison).
    private static func same(_ remembered: JSON, _ desired: JSON) -> Bool {
        if remembered == desired { return true }
        guard remembered[path: revisionPath] != desired[path: revisionPath] else { return false }
        var candidate = desired
        candidate[path: revisionPath] = remembered[path: revisionPath]
        return candidate == remembered
    }
}
