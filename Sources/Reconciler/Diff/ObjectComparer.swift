import Manifests

/// Walks a desired object against its live counterpart and lists the fields that differ.
///
/// Only fields the desired object sets are compared (the API server and controllers add many
/// more); keyed lists are matched by their keys, so reordering containers is not drift; resource
/// quantities compare by value; a zero value (`""`, `0`, `false`, `{}`, `[]`) in desired matches a
/// field the server omitted.
struct ObjectComparer {
    let identity: ObjectIdentity
    let fields: any FieldSemantics
    /// Also report fields the live object has and the other lacks (comparing two server objects).
    let exact: Bool
    private(set) var changes: [FieldChange] = []
    /// Where the walk is: a stack pushed and popped as it goes down and up, so a field that
    /// matches (nearly all of them) costs no path of its own.
    private var segments: [FieldPath.Segment] = []
    private var schemaPath: [String] = []

    init(identity: ObjectIdentity, fields: any FieldSemantics, exact: Bool = false) {
        self.identity = identity
        self.fields = fields
        self.exact = exact
    }

    mutating func compare(_ desired: JSON, _ live: JSON?, at path: FieldPath = FieldPath(), schemaPath: [String] = []) {
        segments = path.segments
        self.schemaPath = schemaPath
        visit(desired, live)
    }

    private var path: FieldPath { FieldPath(segments) }

    private mutating func visit(_ desired: JSON, _ live: JSON?) {
        if desired.isNull { return }
        guard let live, !live.isNull else {
            if !exact && ObjectComparer.isZero(desired) && !ObjectComparer.keepsEmptyStrings(desired, schemaPath) { return }
            record(path, .added, old: nil, new: desired)
            return
        }
        switch desired {
        case .object(let wanted):
            guard case .object(let have) = live else { record(path, .changed, old: live, new: desired); return }
            for (key, value) in wanted {
                segments.append(.key(key))
                schemaPath.append(key)
                visit(value, have[key])
                segments.removeLast()
                schemaPath.removeLast()
            }
            if exact {
                for (key, value) in have where wanted[key] == nil && !value.isNull {
                    record(path.appending(key: key), .removed, old: value, new: nil)
                }
            }
        case .array(let wanted):
            guard case .array(let have) = live else { record(path, .changed, old: live, new: desired); return }
            compareList(wanted, have)
        default:
            if scalarsEqual(desired, live, schemaPath: schemaPath) { return }
            record(path, .changed, old: live, new: desired)
        }
    }

    private mutating func compareList(_ wanted: [JSON], _ have: [JSON]) {
        switch fields.listType(of: identity.type, at: schemaPath) ?? .atomic {
        case .map(let keys):
            let defaults = fields.listKeyDefaults(of: identity.type, at: schemaPath)
            let haveKeys = have.map { ObjectComparer.keyValues(of: $0, keys: keys, defaults: defaults) }
            var wantedKeys: [JSONObject] = []
            for element in wanted {
                guard let key = ObjectComparer.keyValues(of: element, keys: keys, defaults: defaults) else { continue }
                wantedKeys.append(key)
                let match = haveKeys.firstIndex { $0 == key }.map { have[$0] }
                segments.append(.element(key))
                visit(element, match)
                segments.removeLast()
            }
            if exact {
                for (element, key) in zip(have, haveKeys) {
                    guard let key, !wantedKeys.contains(key) else { continue }
                    record(path.appending(.element(key)), .removed, old: element, new: nil)
                }
            }
        case .set:
            for member in wanted where !have.contains(member) {
                record(path.appending(.member(member)), .added, old: nil, new: member)
            }
            if exact {
                for member in have where !wanted.contains(member) {
                    record(path.appending(.member(member)), .removed, old: member, new: nil)
                }
            }
        case .atomic:
            // Replaced as a whole, so reported as a whole; elements still compare field by field
            // so that defaults inside them are not drift.
            var differs = wanted.count != have.count
            if !differs {
                var inner = ObjectComparer(identity: identity, fields: fields, exact: exact)
                for (index, element) in wanted.enumerated() {
                    inner.compare(element, have[index], at: path.appending(.index(index)), schemaPath: schemaPath)
                    if !inner.changes.isEmpty { break }
                }
                differs = !inner.changes.isEmpty
            }
            if differs { record(path, .changed, old: .array(have), new: .array(wanted)) }
        }
    }

    private func scalarsEqual(_ desired: JSON, _ live: JSON, schemaPath: [String]) -> Bool {
        if desired == live { return true }
        if isQuantity(schemaPath), let a = KubeQuantity(desired), let b = KubeQuantity(live) { return a.value == b.value }
        return false
    }

    /// Quantities of built-in kinds are stored canonically; custom resources are stored as written.
    private func isQuantity(_ schemaPath: [String]) -> Bool {
        ObjectComparer.isBuiltInGroup(identity.group) && fields.fieldType(of: identity.type, at: schemaPath) == .quantity
    }

    private mutating func record(_ path: FieldPath, _ kind: FieldChange.Kind, old: JSON?, new: JSON?) {
        changes.append(SecretMask.mask(FieldChange(path: path, kind: kind, old: old, new: new), of: identity))
    }

    /// The values of an element's key fields (defaulted where the schema defaults them), or
    /// `nil` when the element lacks one.
    static func keyValues(of element: JSON, keys: [String], defaults: [String: JSON] = [:]) -> JSONObject? {
        guard let object = element.objectValue else { return nil }
        var result = JSONObject()
        for key in keys {
            guard let value = object[key] ?? defaults[key] else { return nil }
            result[key] = value
        }
        return result
    }

    /// What Go's `omitempty` drops: a field set to it in a manifest comes back absent.
    static func isZero(_ value: JSON) -> Bool {
        switch value {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        }
    }

    /// String maps (labels, annotations, ConfigMap data, selectors) keep `""` values: a missing
    /// key there is a real difference.
    static func keepsEmptyStrings(_ value: JSON, _ schemaPath: [String]) -> Bool {
        guard value.stringValue != nil, schemaPath.count >= 2 else { return false }
        return ["labels", "annotations", "data", "binaryData", "matchLabels", "nodeSelector", "selector"]
            .contains(schemaPath[schemaPath.count - 2])
    }

    /// Groups served by the API server itself rather than by CRDs.
    static func isBuiltInGroup(_ group: String) -> Bool {
        group.isEmpty || !group.contains(".") || group.hasSuffix(".k8s.io")
    }
}
