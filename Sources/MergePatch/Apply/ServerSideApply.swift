import Manifests

/// Server-side apply and managed-fields bookkeeping, as structured-merge-diff's `Updater` and
/// apiserver's fieldmanager do them.
///
/// `apply` merges an applied configuration into the live object by the schema, detects
/// conflicts with other managers, removes fields the manager applied before but no longer
/// does (unless someone else owns them) and rewrites `metadata.managedFields`. `update` does the
/// bookkeeping for ordinary writes (create, update, patch): the writer becomes owner of what it
/// changed, and others lose it.
public struct ServerSideApply<Node: MergeSchemaNode>: Sendable {
    public var schema: Node?
    /// Paths (with everything below them) that nobody owns through this endpoint: `status` for
    /// a main resource, everything but `status` for a `/status` subresource (the resource's reset fields).
    public var ignoredFields: FieldSet

    public init(schema: Node?, ignoredFields: FieldSet = ServerFields.mainResourceResetFields) {
        self.schema = schema
        self.ignoredFields = ignoredFields
    }

    /// The outcome of an apply.
    public struct Result: Sendable {
        /// The merged object with its new `metadata.managedFields`.
        public var object: JSON
        /// Whether anything but managed fields changed; when `false`, `object` is the live object
        /// (new managed fields aside), so the server can keep its `resourceVersion`.
        public var changedObject: Bool
        /// Whether the object or its managed fields changed at all.
        public var changed: Bool
    }

    /// Applies `config` (an `application/apply-patch+yaml` body, already parsed) for `manager`.
    /// - Parameters:
    ///   - live: the stored object, or `nil` when the apply creates it.
    ///   - now: the RFC 3339 time recorded for managers whose writes changed the object.
    public func apply(_ config: JSON, to live: JSON?, manager: String, force: Bool, subresource: String = "",
                      now: String) throws(ServerSideApplyError) -> Result {
        if let sent = config[path: ["metadata", "managedFields"]], !sent.isNull {
            throw .invalidManagedFields("metadata.managedFields must be nil")
        }
        let before = try Self.managedFields(of: live)
        var managers = before
        var rejected: ApplyConflicts?
        let liveValue = ServerFields.withoutManagedFields(live ?? .object(JSONObject()))
        let apiVersion = config["apiVersion"]?.stringValue ?? live?["apiVersion"]?.stringValue ?? ""

        let outcome = try Self.addressing { () throws(FieldPathError) -> Result? in
            var merged = try StructuredMerge<Node>().merge(liveValue, config, schema: schema, path: [])
            let applied = try FieldSet(fieldsOf: config, schema: schema).subtractingRecursively(ignoredFields)
            let identity = ManagedFieldsEntry(manager: manager, operation: .apply, apiVersion: apiVersion, time: nil,
                                              subresource: subresource, fields: FieldSet()).identity
            let previous = managers[identity]

            // Prune: fields this manager applied last time and not now, that nobody else owns.
            // (Nothing is given up when every last-applied path is still owned.)
            var owned = applied
            for entry in managers.entries where entry.identity != identity { owned = owned.union(entry.fields) }
            if let last = previous?.fields, !last.subtracting(owned).isEmpty {
                let toRemove = last.ensuringNamedFieldsAreMembers(schema: schema)
                    .subtracting(owned.ensuringNamedFieldsAreMembers(schema: schema))
                merged = try FieldRemoval<Node>().remove(toRemove, from: merged, schema: schema, path: []) ?? .object(JSONObject())
            }

            let comparison = try ObjectComparison(from: liveValue, to: merged, schema: schema).excluding(ignoredFields)
            var conflicts: [ApplyConflict] = []
            for entry in managers.entries where entry.identity != identity {
                let taken = entry.fields.intersection(comparison.modified.union(comparison.added))
                for path in taken.paths {
                    conflicts.append(ApplyConflict(manager: entry.displayName, managerIdentity: entry.identity, path: path))
                }
            }
            if !conflicts.isEmpty && !force {
                conflicts.sort { a, b in
                    a.managerIdentity != b.managerIdentity ? a.managerIdentity < b.managerIdentity
                        : a.path.lexicographicallyPrecedes(b.path)
                }
                rejected = ApplyConflicts(conflicts: conflicts)
                return nil
            }
            let changedObject = merged != liveValue
            managers = Self.withoutTakenFields(managers, except: identity, changed: comparison.modified.union(comparison.added),
                                               removed: comparison.removed)
            managers[identity] = ManagedFieldsEntry(manager: manager, operation: .apply, apiVersion: apiVersion,
                                                    time: changedObject ? now : previous?.time, subresource: subresource,
                                                    fields: ServerFields.strip(applied))
            managers.entries.removeAll { $0.fields.isEmpty }

            let result = managers.written(into: changedObject ? merged : (live ?? liveValue))
            return Result(object: result, changedObject: changedObject, changed: changedObject || before != managers)
        }
        guard let outcome else { throw .conflicts(rejected ?? ApplyConflicts(conflicts: [])) }
        return outcome
    }

    /// Records that `manager` wrote `new` over `old` (`nil` on create) with an ordinary
    /// create, update or patch; returns `new` with its `metadata.managedFields` rewritten.
    /// On create, `new` is compared with the empty object of its kind, as the API server does.
    public func update(from old: JSON?, to new: JSON, manager: String, apiVersion: String, subresource: String = "",
                       now: String) throws(ServerSideApplyError) -> JSON {
        var managers = try Self.managedFields(of: old)
        let oldValue = ServerFields.withoutManagedFields(old ?? EmptyObjectShape.of(new))
        let newValue = ServerFields.withoutManagedFields(new)
        return try Self.addressing { () throws(FieldPathError) -> JSON in
            let comparison = try ObjectComparison(from: oldValue, to: newValue, schema: schema).excluding(ignoredFields)
            let changed = comparison.modified.union(comparison.added)
            managers = Self.withoutTakenFields(managers, except: nil, changed: changed, removed: comparison.removed)
            let written = ServerFields.strip(changed)
            if !written.isEmpty {
                let identity = ManagedFieldsEntry(manager: manager, operation: .update, apiVersion: apiVersion, time: nil,
                                                  subresource: subresource, fields: FieldSet()).identity
                let previous = managers[identity]?.fields ?? FieldSet()
                managers[identity] = ManagedFieldsEntry(manager: manager, operation: .update, apiVersion: apiVersion, time: now,
                                                        subresource: subresource, fields: previous.union(written))
            }
            managers.entries.removeAll { $0.fields.isEmpty }
            return managers.written(into: newValue)
        }
    }

    /// Runs work that walks objects by field path, reporting an unaddressable object as `.invalidObject`.
    private static func addressing<T>(_ work: () throws(FieldPathError) -> T) throws(ServerSideApplyError) -> T {
        do { return try work() } catch { throw .invalidObject(error) }
    }

    /// Other managers lose what was changed (taken by force or by an update) and what was removed.
    private static func withoutTakenFields(_ managers: ManagedFields, except identity: String?, changed: FieldSet, removed: FieldSet) -> ManagedFields {
        var out = managers
        for index in out.entries.indices where out.entries[index].identity != identity {
            out.entries[index].fields = out.entries[index].fields.subtracting(changed).subtracting(removed)
        }
        return out
    }

    private static func managedFields(of object: JSON?) throws(ServerSideApplyError) -> ManagedFields {
        do { return try ManagedFields(of: object) } catch { throw .invalidManagedFields(error.description) }
    }
}

/// Fields the API server sets itself and never lists as owned by anyone.
public enum ServerFields {
    /// apiserver's stripMetaManager set: type and identity fields and server-maintained metadata.
    public static let stripped = FieldSet(paths: [
        [.field("apiVersion")], [.field("kind")], [.field("metadata")],
        [.field("metadata"), .field("name")], [.field("metadata"), .field("namespace")],
        [.field("metadata"), .field("creationTimestamp")], [.field("metadata"), .field("selfLink")],
        [.field("metadata"), .field("uid")], [.field("metadata"), .field("clusterName")],
        [.field("metadata"), .field("generation")], [.field("metadata"), .field("managedFields")],
        [.field("metadata"), .field("resourceVersion")],
    ])

    /// The reset fields of a main resource with a status subresource: `status` and all below it.
    public static let mainResourceResetFields = FieldSet(paths: [[.field("status")]])

    /// The reset fields of a `/status` subresource: everything but `status` (and `metadata`,
    /// whose server fields are stripped anyway), as most built-in strategies declare.
    public static let statusSubresourceResetFields = FieldSet(paths: [[.field("spec")]])

    static func strip(_ set: FieldSet) -> FieldSet { set.subtracting(stripped) }

    static func withoutManagedFields(_ object: JSON) -> JSON {
        guard case .object(var root) = object, case .object(var metadata)? = root["metadata"],
              metadata["managedFields"] != nil else { return object }
        metadata.removeValue(forKey: "managedFields")
        root["metadata"] = .object(metadata)
        return .object(root)
    }
}
