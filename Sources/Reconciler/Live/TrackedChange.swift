import Manifests

/// A change the live cache saw to a tracked object that someone may have to act on: created,
/// edited (its spec, labels or annotations; not status alone) or deleted. What makes `mooring
/// run` reconcile the object's environment at once instead of at the next poll.
public struct TrackedChange: Sendable, Equatable, CustomStringConvertible {
    public var identity: ObjectIdentity
    /// The object's `mooring.dev/environment` label (before the change, for a deletion).
    public var environment: String?
    public var deleted: Bool

    /// `Deployment.apps web/django in develop (deleted)`
    public var description: String {
        "\(identity)" + (environment.map { " in \($0)" } ?? "") + (deleted ? " (deleted)" : "")
    }

    /// The change from `old` to `new` (either may be absent), or `nil` when nothing but status
    /// or bookkeeping moved: a controller reporting progress is no reason to reconcile.
    static func between(_ old: JSON?, _ new: JSON?) -> TrackedChange? {
        guard let current = new ?? old, let identity = ObjectIdentity(of: current) else { return nil }
        if let old, let new, significant(old) == significant(new) { return nil }
        let labelled = (old ?? new)?[path: ["metadata", "labels", Tracking.environmentLabel]]?.stringValue
        return TrackedChange(identity: identity, environment: new?[path: ["metadata", "labels", Tracking.environmentLabel]]?.stringValue ?? labelled,
                             deleted: new == nil)
    }

    /// The object without what changes on its own: status, resourceVersion, managed fields.
    private static func significant(_ object: JSON) -> JSON {
        var copy = object
        copy["status"] = nil
        copy[path: ["metadata", "resourceVersion"]] = nil
        copy[path: ["metadata", "managedFields"]] = nil
        return copy
    }
}
