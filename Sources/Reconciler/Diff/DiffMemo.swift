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
public final class DiffMemo: Sendable {
    private struct Entry {
        var desired: JSON
        var liveVersion: String
        var verdict: ObjectDiff
    }

    private let entries = Mutex<[ObjectIdentity: Entry]>([:])

    public init() {}

    /// The remembered in-sync verdict for `desired` against `live`, if both are unchanged.
    func verdict(desired: JSON, live: JSON?) -> ObjectDiff? {
        guard let live, let identity = ObjectIdentity(of: desired),
              let version = live[path: ["metadata", "resourceVersion"]]?.stringValue else { return nil }
        return entries.withLock { entries -> ObjectDiff? in
            guard let entry = entries[identity], entry.liveVersion == version, Self.same(entry.desired, desired) else { return nil }
            var verdict = entry.verdict
            verdict.live = live
            verdict.desired = desired
            return verdict
        }
    }

    /// Remembers the objects a finished diff found in sync, and forgets every other.
    func remember(_ diff: EnvironmentDiff, desired: [JSON]) {
        var byIdentity: [ObjectIdentity: JSON] = [:]
        for object in desired {
            if let identity = ObjectIdentity(of: object) { byIdentity[identity] = object }
        }
        var fresh: [ObjectIdentity: Entry] = [:]
        for object in diff.objects where object.status == .synced && !object.needsDryRunConfirmation {
            guard let wanted = byIdentity[object.identity],
                  let version = object.live?[path: ["metadata", "resourceVersion"]]?.stringValue else { continue }
            fresh[object.identity] = Entry(desired: wanted, liveVersion: version, verdict: object)
        }
        entries.withLock { $0 = fresh }
    }

    var count: Int { entries.withLock { $0.count } }

    /// Equal, or equal but for the revision annotation (compared again with it copied over only
    /// when they differ, so an unchanged revision costs one comparison).
    private static func same(_ remembered: JSON, _ desired: JSON) -> Bool {
        if remembered == desired { return true }
        let path = ["metadata", "annotations", Tracking.revisionAnnotation]
        guard remembered[path: path] != desired[path: path] else { return false }
        var candidate = desired
        candidate[path: path] = remembered[path: path]
        return candidate == remembered
    }
}
