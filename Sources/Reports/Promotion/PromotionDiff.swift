import Manifests
import Reconciler

/// What the target environment (e.g. `master`) would become with the source's (e.g. `develop`)
/// manifests, object by object: which images, replicas and configuration differ.
public struct PromotionDiff: Sendable {
    public var fromEnvironment: String
    public var toEnvironment: String
    public var sourceRevision: String?
    public var targetRevision: String?
    /// The target's objects in its order, then those only the source has.
    public var objects: [PromotedObject]

    public var hasChanges: Bool { objects.contains(where: \.isChanged) }
    public var changed: [PromotedObject] { objects.filter(\.isChanged) }
}

/// One object in a promotion: how the target's copy would change.
public struct PromotedObject: Sendable, Hashable {
    public enum Presence: String, Sendable, Hashable {
        /// Both environments have it.
        case both
        /// Only the source has it: the promotion adds it to the target.
        case onlyInSource
        /// Only the target has it: the promotion removes it.
        case onlyInTarget
    }

    /// The object as the target names it (its namespace).
    public var identity: ObjectIdentity
    public var presence: Presence
    /// Container images that change, target's first.
    public var images: [ImageChange]
    public var replicas: ReplicaChange?
    /// Every other field that differs (ConfigMap data, env, probes, labels…), Secret values masked.
    public var config: [FieldChange]
    /// All field differences, target → source.
    public var changes: [FieldChange]
    /// The source's object moved into the target's namespace: what the target would hold.
    public var promoted: JSON?

    public var isChanged: Bool { presence != .both || !changes.isEmpty }
}

/// A container whose image the promotion changes.
public struct ImageChange: Sendable, Hashable, CustomStringConvertible {
    public var container: String
    /// The target's image now, `nil` when the container is new.
    public var from: String?
    /// The source's image, `nil` when the container goes away.
    public var to: String?

    public init(container: String, from: String?, to: String?) {
        self.container = container
        self.from = from
        self.to = to
    }

    /// `web: …:4.2.15 → …:4.2.16`
    public var description: String { "\(container): \(from ?? "(none)") → \(to ?? "(none)")" }
}

/// A replica count the promotion changes (`nil` where unset).
public struct ReplicaChange: Sendable, Hashable {
    public var from: Int64?
    public var to: Int64?

    public init(from: Int64?, to: Int64?) {
        self.from = from
        self.to = to
    }
}
