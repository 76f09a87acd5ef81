import Manifests

/// What the live cache keeps of a tracked object: all of it but two things neither the diff nor
/// health reads, which can be most of an object's size.
///
/// - `kubectl.kubernetes.io/last-applied-configuration`: a second copy of the whole object, kept
///   by `kubectl apply` (client-side); the diff ignores it (`ObjectNormalizer.ignoredAnnotations`).
/// - `metadata.managedFields` entries other than mooring's own `Apply` entries: the diff reads
///   the fields mooring applied (`ManagedFieldsRemovals.ownedFields`), nothing else. A real
///   cluster writes one entry per controller and subresource (`kube-controller-manager` for a
///   Deployment's status, `kubectl-edit`, …), each a tree of every field it touched.
///
/// Only objects an environment claims are trimmed (a `mooring.dev/owner` annotation, or the
/// managed-by label with an environment label): such an object is never adopted, and adoption
/// (`FieldOwnershipTransfer`, `OwnershipConflict.managers`) is what reads other managers'
/// entries and the annotation. An object with the managed-by label alone is kept whole.
enum CachedForm {
    static func of(_ object: JSON) -> JSON {
        guard isClaimed(object), let metadata = object["metadata"]?.objectValue else { return object }
        let lastApplied = metadata["annotations"]?[Tracking.lastAppliedAnnotation] != nil
        let entries = metadata["managedFields"]?.arrayValue ?? []
        let kept = entries.filter(isMooringsApply)
        guard lastApplied || kept.count != entries.count else { return object }
        var trimmed = object
        if lastApplied { trimmed[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] = nil }
        if kept.count != entries.count { trimmed[path: ["metadata", "managedFields"]] = .array(kept) }
        return trimmed
    }

    /// The entries `ManagedFieldsRemovals` reads: mooring's, written by an apply.
    static func isMooringsApply(_ entry: JSON) -> Bool {
        entry["manager"]?.stringValue == Tracking.fieldManager && entry["operation"]?.stringValue == "Apply"
    }

    /// Claimed by some environment of some installation: `LiveClaim` is `.unmanaged` for no owner.
    static func isClaimed(_ object: JSON) -> Bool {
        LiveClaim(of: object, for: Owner(installation: "", environment: "")) != .unmanaged
    }
}
