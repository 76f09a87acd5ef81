import Manifests
import MergePatch

/// How kube-apiserver moves an object from client-side to server-side apply (field manager
/// decorators `lastAppliedManager` and `lastAppliedUpdater`, k8s.io/apimachinery
/// `util/managedfields/internal`), for the field manager `kubectl` only:
///
/// - an apply whose only conflicts are with fields recorded in the object's
///   `kubectl.kubernetes.io/last-applied-configuration` is forced: `kubectl apply -f` then
///   `kubectl apply --server-side -f` with a change succeeds and `kubectl` takes the fields over;
/// - after an apply, an existing last-applied annotation is rewritten from the applied
///   configuration, so a later `kubectl apply -f` computes its three-way diff from what was last
///   applied, whichever way.
enum LastAppliedTakeover {
    static let annotation = "kubectl.kubernetes.io/last-applied-configuration"
    static let manager = "kubectl"

    /// The conflicts that remain once those the last-applied annotation allows are taken out.
    static func remaining(_ conflicts: ApplyConflicts, live: JSON?, schema: KubeSchemaMergeNode?) -> ApplyConflicts {
        guard let text = live?[path: ["metadata", "annotations", annotation]]?.stringValue, !text.isEmpty,
              let lastApplied = try? JSON(parsing: text),
              let allowed = try? FieldSet(fieldsOf: lastApplied, schema: schema) else { return conflicts }
        return ApplyConflicts(conflicts: conflicts.conflicts.filter { !allowed.contains($0.path) })
    }

    /// `object` with its last-applied annotation (if it has one) set to `config`, as Go encodes
    /// it (sorted keys, a trailing newline) without the annotation itself; dropped when the
    /// annotations would exceed their 256 KiB limit.
    static func syncingAnnotation(of object: JSON, to config: JSON) -> JSON {
        guard let current = object[path: ["metadata", "annotations", annotation]]?.stringValue, !current.isEmpty else { return object }
        var applied = config
        if applied[path: ["metadata", "annotations", annotation]] != nil {
            applied[path: ["metadata", "annotations", annotation]] = nil  // an annotation left empty stays `{}`, as in Go
        }
        var copy = object
        copy[path: ["metadata", "annotations", annotation]] = .string(GoJSON.text(applied) + "\n")
        if AnnotationSize.total(copy[path: ["metadata", "annotations"]]) > AnnotationSize.limit {
            copy[path: ["metadata", "annotations", annotation]] = nil
        }
        return copy
    }
}
