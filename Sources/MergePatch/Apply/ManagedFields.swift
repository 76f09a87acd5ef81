import Manifests

/// One entry of `metadata.managedFields`: which manager owns which fields, and how it wrote them.
public struct ManagedFieldsEntry: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable {
        case apply = "Apply"
        case update = "Update"
    }

    public var manager: String
    public var operation: Operation
    public var apiVersion: String
    /// RFC 3339 time of the last change this manager made, e.g. `2026-11-26T08:00:00Z`.
    public var time: String?
    public var subresource: String
    public var fields: FieldSet

    public init(manager: String, operation: Operation, apiVersion: String, time: String?, subresource: String = "", fields: FieldSet) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    /// Reads an entry as the API server stores it.
    public init(json: JSON) throws(FieldsV1Error) {
        guard case .object(let object) = json else { throw FieldsV1Error("a managedFields entry must be an object") }
        guard let manager = object["manager"]?.stringValue else { throw FieldsV1Error("a managedFields entry needs a manager") }
        guard let operation = Operation(rawValue: object["operation"]?.stringValue ?? "") else {
            throw FieldsV1Error("managedFields entry of \(manager) has an unknown operation")
        }
        if let type = object["fieldsType"]?.stringValue, type != "FieldsV1" {
            throw FieldsV1Error("managedFields entry of \(manager) has unsupported fieldsType \(type)")
        }
        self.init(manager: manager, operation: operation, apiVersion: object["apiVersion"]?.stringValue ?? "",
                  time: object["time"]?.stringValue, subresource: object["subresource"]?.stringValue ?? "",
                  fields: try FieldSet(fieldsV1: object["fieldsV1"] ?? .object(JSONObject())))
    }

    /// The entry in the API server's field order (metav1.ManagedFieldsEntry).
    public var json: JSON {
        var object = JSONObject()
        object["manager"] = .string(manager)
        object["operation"] = .string(operation.rawValue)
        object["apiVersion"] = .string(apiVersion)
        if let time { object["time"] = .string(time) }
        object["fieldsType"] = "FieldsV1"
        object["fieldsV1"] = fields.fieldsV1
        if !subresource.isEmpty { object["subresource"] = .string(subresource) }
        return .object(object)
    }

    /// Which entry this is: appliers are one entry per manager (and subresource), updaters one
    /// per manager, API version and subresource (fieldmanager's BuildManagerIdentifier).
    public var identity: String {
        var object = JSONObject()
        object["manager"] = .string(manager)
        object["operation"] = .string(operation.rawValue)
        if operation == .update { object["apiVersion"] = .string(apiVersion) }
        if !subresource.isEmpty { object["subresource"] = .string(subresource) }
        return JSON.object(object).serialized()
    }

    /// How conflict messages name the manager: `"kubectl" using apps/v1`, or `"mooring"` for an applier.
    public var displayName: String {
        var name = JSONOrdering.goString(.string(manager))
        if !subresource.isEmpty { name += " with subresource \(JSONOrdering.goString(.string(subresource)))" }
        if operation == .update { name += " using \(apiVersion)" }
        return name
    }
}

/// All of an object's `metadata.managedFields`.
public struct ManagedFields: Sendable, Hashable {
    public var entries: [ManagedFieldsEntry]

    public init(entries: [ManagedFieldsEntry] = []) { self.entries = entries }

    /// Reads `metadata.managedFields` of an object (none is an empty list).
    public init(of object: JSON?) throws(FieldsV1Error) {
        guard let list = object?[path: ["metadata", "managedFields"]], !list.isNull else { self.init(); return }
        guard case .array(let items) = list else { throw FieldsV1Error("metadata.managedFields must be a list") }
        var entries: [ManagedFieldsEntry] = []
        for item in items { entries.append(try ManagedFieldsEntry(json: item)) }
        self.init(entries: entries)
    }

    /// The entries in the order the API server writes them: Apply before Update, then by time,
    /// manager, API version and subresource (fieldmanager's sortEncodedManagedFields).
    public var sorted: [ManagedFieldsEntry] {
        entries.sorted { p, q in
            if p.operation != q.operation { return p.operation.rawValue < q.operation.rawValue }
            if (p.time ?? "") != (q.time ?? "") { return (p.time ?? "") < (q.time ?? "") }
            if p.manager != q.manager { return p.manager < q.manager }
            if p.apiVersion != q.apiVersion { return p.apiVersion < q.apiVersion }
            return p.subresource < q.subresource
        }
    }

    /// The object with its `metadata.managedFields` replaced by these entries (removed when empty).
    public func written(into object: JSON) -> JSON {
        var object = object
        var metadata = object["metadata"]?.objectValue ?? JSONObject()
        if entries.isEmpty {
            metadata.removeValue(forKey: "managedFields")
        } else {
            metadata["managedFields"] = .array(sorted.map(\.json))
        }
        object["metadata"] = .object(metadata)
        return object
    }

    subscript(identity: String) -> ManagedFieldsEntry? {
        get { entries.first { $0.identity == identity } }
        set {
            if let index = entries.firstIndex(where: { $0.identity == identity }) {
                if let newValue { entries[index] = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(newValue)
            }
        }
    }
}
