import Manifests

/// Finds fields mooring applied before that the desired object no longer sets.
///
/// The API server records, in `metadata.managedFields`, which fields each field manager owns
/// (`fieldsV1`: `f:<name>` members, `k:{...}` keyed list elements, `v:<value>` set members, `.` the
/// element itself). A field owned by mooring's Apply entry, present live and absent from desired,
/// is one the next apply will remove: a real difference, though desired does not mention it.
struct ManagedFieldsRemovals {
    let identity: ObjectIdentity
    let fields: any FieldSemantics
    private(set) var changes: [FieldChange] = []

    init(identity: ObjectIdentity, fields: any FieldSemantics) {
        self.identity = identity
        self.fields = fields
    }

    /// The `fieldsV1` tree of mooring's Apply entry in a live object, if any.
    static func ownedFields(in live: JSON, manager: String = Tracking.fieldManager) -> JSONObject? {
        guard let entries = live[path: ["metadata", "managedFields"]]?.arrayValue else { return nil }
        for entry in entries where entry["manager"]?.stringValue == manager && entry["operation"]?.stringValue == "Apply" {
            return entry["fieldsV1"]?.objectValue
        }
        return nil
    }

    mutating func walk(owned: JSONObject, desired: JSON?, live: JSON, at path: FieldPath = FieldPath(), schemaPath: [String] = []) {
        segments = path.segments
        self.schemaPath = schemaPath
        descend(owned: owned, desired: desired, live: live)
    }

    /// Where the walk is, pushed and popped as it goes (no path built for a field that matches).
    private var segments: [FieldPath.Segment] = []
    private var schemaPath: [String] = []

    private mutating func descend(owned: JSONObject, desired: JSON?, live: JSON) {
        for (token, child) in owned where token != "." {
            let node = child.objectValue ?? JSONObject()
            if token.hasPrefix("f:") {
                let name = String(token.dropFirst(2))
                guard let liveChild = live[name], !liveChild.isNull else { continue }
                segments.append(.key(name))
                schemaPath.append(name)
                visit(node, desired: desired?[name], live: liveChild)
                segments.removeLast()
                schemaPath.removeLast()
            } else if token.hasPrefix("k:") {
                let defaults = fields.listKeyDefaults(of: identity.type, at: schemaPath)
                guard let key = try? JSON(parsing: String(token.dropFirst(2))), let keyObject = key.objectValue,
                      let liveElement = ManagedFieldsRemovals.element(in: live, matching: keyObject, defaults: defaults)
                else { continue }
                let desiredElement = desired.flatMap { ManagedFieldsRemovals.element(in: $0, matching: keyObject, defaults: defaults) }
                segments.append(.element(keyObject))
                visit(node, desired: desiredElement, live: liveElement)
                segments.removeLast()
            } else if token.hasPrefix("v:") {
                guard let member = try? JSON(parsing: String(token.dropFirst(2))),
                      live.arrayValue?.contains(member) == true,
                      desired?.arrayValue?.contains(member) != true
                else { continue }
                record(FieldPath(segments + [.member(member)]), old: member)
            }
            // `i:<index>` (positional ownership) is rare and not tracked.
        }
    }

    private mutating func visit(_ node: JSONObject, desired: JSON?, live: JSON) {
        let ownsWhole = node.isEmpty || node.contains(".")
        if desired == nil || desired!.isNull {
            if ownsWhole { record(FieldPath(segments), old: live) } else { descend(owned: node, desired: nil, live: live) }
        } else if !node.isEmpty {
            descend(owned: node, desired: desired, live: live)
        }
    }

    private mutating func record(_ path: FieldPath, old: JSON) {
        changes.append(SecretMask.mask(FieldChange(path: path, kind: .removed, old: old, new: nil), of: identity))
    }

    /// The element of a keyed list with these key values; key fields the element omits take
    /// their defaults, as in the `k:` tokens the API server writes.
    static func element(in list: JSON, matching key: JSONObject, defaults: [String: JSON]) -> JSON? {
        list.arrayValue?.first { element in
            key.allSatisfy { (element[$0.key] ?? defaults[$0.key]) == $0.value }
        }
    }
}
