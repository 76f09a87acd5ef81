import Manifests

/// Hands the fields of an adopted object's previous appliers to mooring, as Flux's server-side
/// apply cleanup does (fluxcd/pkg `ssa` PatchReplaceFieldsManagers, and the removal of
/// `kubectl.kubernetes.io/last-applied-configuration`): their `managedFields` entries are merged
/// into mooring's Apply entry by one JSON patch, guarded by the object's resourceVersion. The
/// API server takes `managedFields` as written by any write other than an apply (Kubernetes
/// docs, Server-Side Apply: "Clearing managedFields").
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
        var result = live
        if let moved = movedEntries(of: live) { result[path: ["metadata", "managedFields"]] = .array(moved) }
        result[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] = nil
        return result
    }

    /// The JSON patch (RFC 6902) that performs the transfer; `nil` when there is nothing to move.
    public func patch(for live: JSON) -> JSON? {
        let moved = movedEntries(of: live)
        let hasLastApplied = live[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] != nil
        guard moved != nil || hasLastApplied else { return nil }
        var operations: [JSON] = []
        if let version = live[path: ["metadata", "resourceVersion"]] {
            operations.append(["op": "test", "path": "/metadata/resourceVersion", "value": version])
        }
        if let moved { operations.append(["op": "replace", "path": "/metadata/managedFields", "value": .array(moved)]) }
        if hasLastApplied {
            operations.append(["op": "remove", "path": .string("/metadata/annotations/" + Self.escape(Tracking.lastAppliedAnnotation))])
        }
        return .array(operations)
    }

    /// The entries with the previous appliers' (main resource only, not `status` or `scale`)
    /// merged into mooring's Apply entry; `nil` when no previous applier has an entry.
    func movedEntries(of live: JSON) -> [JSON]? {
        let entries = live[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        func isMainResource(_ entry: JSON) -> Bool { (entry["subresource"]?.stringValue ?? "").isEmpty }
        let previous = entries.filter { entry in
            isMainResource(entry) && previousAppliers.contains(entry["manager"]?.stringValue ?? "")
        }
        guard !previous.isEmpty else { return nil }
        let ours = entries.first { entry in
            isMainResource(entry) && entry["manager"]?.stringValue == Tracking.fieldManager && entry["operation"]?.stringValue == "Apply"
        }
        var fields = JSON.object([:])
        for entry in (ours.map { [$0] } ?? []) + previous {
            fields = Self.union(fields, entry["fieldsV1"] ?? .object([:]))
        }
        fields = Self.removing([Tracking.lastAppliedAnnotation].map { "f:" + $0 }, under: ["f:metadata", "f:annotations"], from: fields)
        let template = ours ?? previous[0]
        var merged: JSON = ["manager": .string(Tracking.fieldManager), "operation": "Apply",
                            "apiVersion": template["apiVersion"] ?? .string(live["apiVersion"]?.stringValue ?? ""),
                            "fieldsType": "FieldsV1", "fieldsV1": fields]
        if let time = template["time"] { merged["time"] = time }
        let kept = entries.filter { entry in !previous.contains(entry) && entry != ours }
        return kept + [merged]
    }

    /// Two `fieldsV1` trees as one: every member of either (`{}` leaves, `"."` for the node itself).
    static func union(_ a: JSON, _ b: JSON) -> JSON {
        guard var merged = a.objectValue, let other = b.objectValue else { return b.objectValue != nil ? b : a }
        for (key, value) in other {
            merged[key] = merged[key].map { union($0, value) } ?? value
        }
        return .object(merged)
    }

    /// `tree` without the members `names` at `path`, and without the parents that leaves empty.
    static func removing(_ names: [String], under path: [String], from tree: JSON) -> JSON {
        guard var object = tree.objectValue else { return tree }
        guard let first = path.first else {
            for name in names { object.removeValue(forKey: name) }
            return .object(object)
        }
        guard let child = object[first] else { return tree }
        let pruned = removing(names, under: Array(path.dropFirst()), from: child)
        if pruned.objectValue?.isEmpty == true { object.removeValue(forKey: first) } else { object[first] = pruned }
        return .object(object)
    }

    /// RFC 6901: `~` as `~0`, `/` as `~1`.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
