import Manifests
import Reconciler

/// One object's line in a report: its action, field-level diff, health and any message.
///
/// Built once, read by every renderer. Properties are read-only and Secret values are redacted
/// in the initializer, so whatever a caller passes, no renderer can print a Secret's value.
public struct ObjectReport: Sendable, Hashable {
    public let identity: ObjectIdentity
    public let action: ObjectAction
    /// Field changes, Secret values masked.
    public let changes: [FieldChange]
    /// The whole manifest of an object to create (Secret values masked) when there are no field
    /// changes to show; its lines are rendered when asked for.
    private let addedManifest: JSON?
    public let health: HealthAssessment?
    /// Why it failed or was kept.
    public let message: String?

    /// - Parameter manifest: the desired object, shown in full for `create` when there are no
    ///   field changes to show.
    public init(identity: ObjectIdentity, action: ObjectAction, changes: [FieldChange] = [], manifest: JSON? = nil,
                health: HealthAssessment? = nil, message: String? = nil) {
        self.identity = identity
        self.action = action
        let changes = changes.map { SecretMask.mask($0, of: identity) }
        self.changes = changes
        addedManifest = changes.isEmpty && action == .create ? manifest.map(SecretMask.masked) : nil
        self.health = health
        self.message = message
    }

    /// The lines to show: the changes, or the whole manifest of an object to create. Rendered on
    /// each read rather than kept: a first sync of 10,000 objects made a report whose unread
    /// lines (a text report shows them only with `--diff`) were the largest thing `mooring run`
    /// ever held, 20 of its 152 MiB.
    public var diff: [DiffLine] {
        if !changes.isEmpty { return DiffLines.lines(for: changes) }
        return addedManifest.map(DiffLines.lines(adding:)) ?? []
    }

    /// Whether `diff` has lines, without rendering them.
    public var hasDiff: Bool { !changes.isEmpty || addedManifest != nil }

    /// `Deployment.apps web/django`
    public var name: String { identity.description }

    /// A stable anchor for links within a page: `deployment-apps-web-django`.
    public var anchor: String {
        let text = "\(identity.kind)-\(identity.group)-\(identity.namespace ?? "")-\(identity.name)".lowercased()
        var result = ""
        for character in text {
            let keep = character.isASCII && (character.isLetter || character.isNumber)
            if keep { result.append(character) } else if !result.hasSuffix("-") { result.append("-") }
        }
        return result.trimmingSuffix("-")
    }
}

extension String {
    fileprivate func trimmingSuffix(_ character: Character) -> String {
        var copy = self
        while copy.last == character { copy.removeLast() }
        return copy
    }
}
