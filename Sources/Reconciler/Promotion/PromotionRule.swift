import Manifests

/// How one environment's manifests become another's: the rule `mooring promote` follows.
///
/// For each object of the source environment (all of them, or those `--only` names):
/// 1. Values that name the environment are mapped to the target's (``EnvironmentValueMapping``:
///    namespaces, the environment's name), so the object lands in the target's namespace.
/// 2. If the target already has the object (same group, kind and name after mapping), the
///    source's manifest is laid over the target's (``ManifestOverlay``): the source adds and
///    changes fields, and whatever the target sets that the source does not stays.
/// 3. Every `--keep` path that applies to the object's kind then takes the target's current value
///    again (or stays absent if the target has none). `/metadata/namespace` is always kept, and
///    `/spec/replicas` unless ``keepsReplicas`` is off: a promotion carries what to run, and each
///    environment decides how much of it (its replicas, or the autoscaler that owns them).
///
/// A source object the target lacks is added as mapped; a target object the source lacks (or one
/// `--only` leaves out) stays as it is: a promotion adds and changes, it never deletes.
///
/// Secrets are left out unless `--only` names them: one environment's credentials (a develop
/// database password) must not land in another's folder by default.
public struct PromotionRule: Sendable, Hashable {
    /// Fields the target keeps, beyond `/metadata/namespace` which it always keeps.
    public var keep: [KeepPath]
    /// The objects to promote; empty means all of the source's.
    public var only: [ObjectSelector]
    /// Whether the target keeps its `/spec/replicas` (on by default; `--promote-replicas` turns it off).
    public var keepsReplicas: Bool

    public init(keep: [KeepPath] = [], only: [ObjectSelector] = [], keepsReplicas: Bool = true) {
        self.keep = keep
        self.only = only
        self.keepsReplicas = keepsReplicas
    }

    /// The paths kept for every object, whatever the user lists.
    public static let alwaysKept = [KeepPath(pointer: JSONPointer(tokens: ["metadata", "namespace"]))]
    static let replicas = KeepPath(pointer: JSONPointer(tokens: ["spec", "replicas"]))

    /// Every path the target keeps under this rule.
    public var keptPaths: [KeepPath] { Self.alwaysKept + (keepsReplicas ? [Self.replicas] : []) + keep }

    public func includes(_ identity: ObjectIdentity) -> Bool {
        if only.isEmpty { return !SecretMask.isSecret(identity) }
        return only.contains { $0.matches(identity) }
    }

    /// Whether the object is a Secret left out for being one (without `--only`, which promotes
    /// exactly what it names).
    public func leavesOutSecret(_ identity: ObjectIdentity) -> Bool {
        only.isEmpty && SecretMask.isSecret(identity)
    }

    /// What the target's copy of `source` becomes. `source` is the source's object as written;
    /// `target` the target's current copy, `nil` when it has none.
    public func promote(_ source: JSON, onto target: JSON?, mapping: EnvironmentValueMapping) -> JSON {
        let mapped = mapping.apply(to: source)
        guard let target else { return mapped }
        var promoted = ManifestOverlay.overlay(mapped, onto: target)
        guard let type = ObjectIdentity(of: target)?.groupKind else { return promoted }
        for path in keptPaths where path.applies(to: type) {
            let tokens = path.pointer.tokens[...]
            PointerAccess.set(PointerAccess.value(at: tokens, in: target), at: tokens, in: &promoted)
        }
        return promoted
    }
}
