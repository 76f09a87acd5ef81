import Manifests

/// The verdict on one object: its status, the fields that differ, and both sides.
///
/// `desired` and `live` may hold Secret values: they are kept for the apply and never printed —
/// `description`, `debugDescription` and reflection (`dump`) show only masked data.
public struct ObjectDiff: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var identity: ObjectIdentity
    public var status: SyncStatus
    /// Field-level differences, values of Secrets masked. Empty for `create` and `prune`.
    public var changes: [FieldChange]
    /// A suspected difference the API server should confirm with a dry-run apply before it is
    /// called drift (a default or a webhook may account for it).
    public var needsDryRunConfirmation: Bool
    /// The object to apply (tracking metadata included), `nil` for `prune`.
    public var desired: JSON?
    /// The live object, `nil` for `create`.
    public var live: JSON?
    /// Why the object is not this environment's to change, for `conflict`.
    public var conflict: OwnershipConflict? {
        get { rare?.conflict }
        set { rare = Rare.unlessEmpty(conflict: newValue, contents: contents) }
    }
    /// For a Namespace to prune: what else it holds, read from the cluster.
    public var contents: NamespaceContents? {
        get { rare?.contents }
        set { rare = Rare.unlessEmpty(conflict: conflict, contents: newValue) }
    }

    /// `conflict` and `contents`, which few objects have, stored apart: inline they were half
    /// of every verdict's size, and a pass over 10,000 objects holds several arrays of verdicts.
    private var rare: Rare?

    private final class Rare: Sendable {
        let conflict: OwnershipConflict?
        let contents: NamespaceContents?

        private init(conflict: OwnershipConflict?, contents: NamespaceContents?) {
            self.conflict = conflict
            self.contents = contents
        }

        static func unlessEmpty(conflict: OwnershipConflict?, contents: NamespaceContents?) -> Rare? {
            conflict == nil && contents == nil ? nil : Rare(conflict: conflict, contents: contents)
        }
    }

    public init(identity: ObjectIdentity, status: SyncStatus, changes: [FieldChange] = [],
                needsDryRunConfirmation: Bool = false, desired: JSON?, live: JSON?,
                conflict: OwnershipConflict? = nil, contents: NamespaceContents? = nil) {
        self.identity = identity
        self.status = status
        self.changes = changes
        self.needsDryRunConfirmation = needsDryRunConfirmation
        self.desired = desired
        self.live = live
        self.rare = Rare.unlessEmpty(conflict: conflict, contents: contents)
    }

    /// How a live object came under mooring's management, when it records it.
    public var origin: Origin? { live.flatMap(Origin.init(of:)) }

    /// The desired object fit for display: Secret values masked.
    public var displayDesired: JSON? { desired.map(SecretMask.masked) }
    /// The live object fit for display: Secret values masked.
    public var displayLive: JSON? { live.map(SecretMask.masked) }

    /// `Deployment.apps web/django: OutOfSync (configure), 1 change`
    public var description: String {
        var text = "\(identity): \(status)"
        if !changes.isEmpty { text += ", \(changes.count) change\(changes.count == 1 ? "" : "s")" }
        if let conflict { text += ": \(conflict.reasonText)" }
        return text
    }

    public var debugDescription: String {
        ([description] + changes.map { "  \($0)" }).joined(separator: "\n")
    }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "identity": identity, "status": status, "changes": changes,
            "needsDryRunConfirmation": needsDryRunConfirmation,
            "desired": displayDesired as Any, "live": displayLive as Any, "conflict": conflict as Any,
        ])
    }
}
