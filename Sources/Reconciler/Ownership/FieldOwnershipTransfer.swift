import Manifests

/// Hands the fields of an adopted object's previous appliers to mooring, as Flux's server-side
/// apply cleanup does (fluxcd/pkg `ssa` PatchReplaceFieldsManagers, and the removal of
/// `kubectl.kubernetes.io/last-applied-configuration`): their `managedFields` entries are merged
/// into mooring's Apply entry by one JSON patch, guarded by the object's resourceVersion.
///
/// Without it, `kubectl-client-side-apply` keeps co-owning every field it wrote, and a field later
/// removed from git stays in the cluster (kubernetes/kubernetes#99003). With it, mooring is the
/// sole owner, so its next server-side apply removes what git no longer has.
public struct FieldOwnershipTransfer: Sendable {
    /// The appliers whose fields an adoption takes over unless `adoptFrom` adds more.
    public static let defaultPreviousAppliers = ["kubectl-client-side-apply", "kubectl", "before-first-apply", "helm"]

    /// Managers (exact names) whose fields move to mooring, whatever their operation.
    public var previousAppliers: [String]

    public init(adoptFrom: [String] = []) {
        var names = Self.defaultPreviousAppliers
        for name in adoptFrom where !names.contains(name) { names.append(name) }
        previousAppliers = names
    }

    /// The live object as it will be once the transfer is done: what an adoption is diffed against,
    /// so the diff shows the fields the adoption removes.
    public func transferred(_ live: JSON) -> JSON {
        guard let moved = try? movedFields(of: live) else { return live }
        var result = moved.written(into: live)
        result[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] = nil
        return result
    }

    /// The JSON patch (RFC 6902) that performs the transfer; `nil` when there is nothing to move.
    public func patch(for live: JSON) throws -> JSON? {
        let current = try ManagedFields(of: live)
        let moved = try movedFields(of: live)
        let hasLastApplied = live[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] != nil
        guard moved != current || hasLastApplied else { return nil }
        var operations: [JSON] = []
        if let version = live[path: ["metadata", "resourceVersion"]] {
            operations.append(["op": "test", "path": "/metadata/resourceVersion", "value": version])
        }
        if moved != current {
            operations.append(["op": "replace", "path": "/metadata/managedFields", "value": .array(moved.sorted.map(\.json))])
        }
        if hasLastApplied {
            operations.append(["op": "remove", "path": .string("/metadata/annotations/" + Self.escape(Tracking.lastAppliedAnnotation))])
        }
        return .array(operations)
    }

    /// The previous appliers' entries (main resource only, not `status` or `scale`) merged into
    /// mooring's Apply entry; every other entry is kept as it is.
    func movedFields(of live: JSON) throws -> ManagedFields {
        let fields = try ManagedFields(of: live)
        let lastApplied = FieldSet(paths: [[.field("metadata"), .field("annotations"), .field(Tracking.lastAppliedAnnotation)]])
        var kept: [ManagedFieldsEntry] = []
        var merged: ManagedFieldsEntry?
        for entry in fields.entries {
            let isOurs = entry.manager == Tracking.fieldManager && entry.operation == .apply && entry.subresource.isEmpty
            let isPrevious = previousAppliers.contains(entry.manager) && entry.subresource.isEmpty
            guard isOurs || isPrevious else { kept.append(entry); continue }
            if var into = merged {
                into.fields = into.fields.union(entry.fields)
                if isOurs { into.apiVersion = entry.apiVersion; into.time = entry.time }
                merged = into
            } else {
                merged = ManagedFieldsEntry(manager: Tracking.fieldManager, operation: .apply, apiVersion: entry.apiVersion,
                                            time: entry.time, fields: entry.fields)
            }
        }
        if var merged {
            merged.fields = merged.fields.subtracting(lastApplied)
            if !merged.fields.isEmpty { kept.append(merged) }
        }
        return ManagedFields(entries: kept)
    }

    /// RFC 6901: `~` as `~0`, `/` as `~1`.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
