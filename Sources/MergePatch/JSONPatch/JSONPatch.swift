import Manifests

/// JSON patch (RFC 6902), the `application/json-patch+json` patch type.
///
/// Operations run in order on a copy of the document; the first failing one stops the patch
/// and nothing is changed. Behaviour and messages follow gopkg.in/evanphx/json-patch.v4, the
/// library the API server applies JSON patches with (negative array indices count from the end).
public enum JSONPatch {
    /// Applies the operations in `patch` (a JSON array) to `document`.
    public static func apply(_ patch: JSON, to document: JSON) throws(JSONPatchError) -> JSON {
        guard case .array(let operations) = patch else {
            throw JSONPatchError(.malformed, "json: cannot unmarshal \(patch.typeName) into Go value of type jsonpatch.Patch")
        }
        var document = document
        for operation in operations {
            guard case .object(let fields) = operation else {
                throw JSONPatchError(.malformed, "json: cannot unmarshal \(operation.typeName) into Go value of type jsonpatch.Operation")
            }
            try JSONPatchOperation(fields).apply(to: &document)
        }
        return document
    }
}

/// One operation of a JSON patch, with the document edits it performs.
struct JSONPatchOperation {
    let fields: JSONObject

    init(_ fields: JSONObject) { self.fields = fields }

    var kind: String { fields["op"]?.stringValue ?? "unknown" }
    var value: JSON { fields["value"] ?? .null }

    private func pointer(_ field: String, for op: String) throws(JSONPatchError) -> (text: String, tokens: [String]) {
        guard let text = fields[field]?.stringValue else {
            let what = field == "path" ? "path" : "from"
            throw JSONPatchError(.notApplicable, "\(op) operation failed to decode \(what): \(JSONPatchError.missing)")
        }
        // A pointer without a leading "/" names no member of the document.
        return (text, text.isEmpty ? [] : (JSONPointer(text)?.tokens ?? [text]))
    }

    func apply(to document: inout JSON) throws(JSONPatchError) {
        switch kind {
        case "add":
            let path = try pointer("path", for: "add")
            try editParent(of: path.tokens, in: &document, missing: "add operation does not apply: doc is missing path: \"\(path.text)\"") { container, key throws(JSONPatchError) in
                try Self.insert(value, at: key, into: &container, context: "error in add for path: '\(path.text)'")
            }
        case "remove":
            let path = try pointer("path", for: "remove")
            try editParent(of: path.tokens, in: &document, missing: "remove operation does not apply: doc is missing path: \"\(path.text)\"") { container, key throws(JSONPatchError) in
                _ = try Self.remove(at: key, from: &container, context: "error in remove for path: '\(path.text)'")
            }
        case "replace":
            let path = try pointer("path", for: "replace")
            try editParent(of: path.tokens, in: &document, missing: "replace operation does not apply: doc is missing path: \(path.text)") { container, key throws(JSONPatchError) in
                let existing: JSON? = try? Self.read(key, in: container, context: "")
                guard existing != nil else {
                    throw JSONPatchError(.notApplicable, "replace operation does not apply: doc is missing key: \(path.text): \(JSONPatchError.missing)")
                }
                try Self.overwrite(value, at: key, in: &container)
            }
        case "move":
            let from = try pointer("from", for: "move")
            var moved: JSON?
            try editParent(of: from.tokens, in: &document, missing: "move operation does not apply: doc is missing from path: \(from.text)") { container, key throws(JSONPatchError) in
                moved = try Self.remove(at: key, from: &container, context: "error in move for path: '\(key)'")
            }
            let path = try pointer("path", for: "move")
            try editParent(of: path.tokens, in: &document, missing: "move operation does not apply: doc is missing destination path: \(path.text)") { container, key throws(JSONPatchError) in
                try Self.insert(moved ?? .null, at: key, into: &container, context: "error in move for path: '\(path.text)'")
            }
        case "copy":
            let from = try pointer("from", for: "copy")
            var copied: JSON?
            try editParent(of: from.tokens, in: &document, missing: "copy operation does not apply: doc is missing from path: \(from.text)") { container, key throws(JSONPatchError) in
                copied = try Self.read(key, in: container, context: "error in copy for from: '\(from.text)'")
            }
            let path = try pointer("path", for: "copy")
            try editParent(of: path.tokens, in: &document, missing: "copy operation does not apply: doc is missing destination path: \(path.text)") { container, key throws(JSONPatchError) in
                try Self.insert(copied ?? .null, at: key, into: &container, context: "error while adding value during copy")
            }
        case "test":
            let path = try pointer("path", for: "test")
            let expected = fields["value"]
            try editParent(of: path.tokens, in: &document, missing: "test operation does not apply: is missing path: \(path.text)") { container, key throws(JSONPatchError) in
                let actual = try Self.read(key, in: container, context: "error in test for path: '\(path.text)'")
                let passed: Bool
                switch (actual, expected) {
                case (nil, nil), (nil, .some(.null)): passed = true
                case (nil, _), (_, nil): passed = false
                case let (.some(a), .some(e)): passed = a == e
                }
                if !passed {
                    throw JSONPatchError(.notApplicable, "testing value \(path.text) failed: \(JSONPatchError.testFailed)")
                }
            }
        default:
            throw JSONPatchError(.notApplicable, "Unexpected kind: \(kind)")
        }
    }

    /// Walks to the object or array that holds the last token and lets `edit` change it there.
    private func editParent(of tokens: [String], in document: inout JSON, missing: String,
                            _ edit: (inout JSON, String) throws(JSONPatchError) -> Void) throws(JSONPatchError) {
        guard !tokens.isEmpty, try Self.descend(&document, tokens[...], edit) else {
            throw JSONPatchError(.notApplicable, "\(missing): \(JSONPatchError.missing)")
        }
    }

    /// Returns `false` when a step of the path does not exist or is not a container.
    private static func descend(_ value: inout JSON, _ path: ArraySlice<String>,
                                _ edit: (inout JSON, String) throws(JSONPatchError) -> Void) throws(JSONPatchError) -> Bool {
        guard let head = path.first else { return false }
        switch value {
        case .object(var object):
            if path.count == 1 { try edit(&value, head); return true }
            guard var child = object[head] else { return false }
            value = .null  // keep `object` uniquely referenced while it changes
            object[head] = .null
            defer { object[head] = child; value = .object(object) }
            return try descend(&child, path.dropFirst(), edit)
        case .array(var array):
            if path.count == 1 { try edit(&value, head); return true }
            guard let index = Int(head), array.indices.contains(index) else { return false }
            value = .null
            var child = array[index]
            array[index] = .null
            defer { array[index] = child; value = .array(array) }
            return try descend(&child, path.dropFirst(), edit)
        default:
            return false
        }
    }

    private static func invalidIndex(_ index: Int) -> String {
        "Unable to access invalid index: \(index): \(JSONPatchError.invalidIndex)"
    }

    private static func arrayIndex(_ key: String, context: String) throws(JSONPatchError) -> Int {
        guard let index = Int(key) else {
            throw JSONPatchError(.notApplicable, "\(context): strconv.Atoi: parsing \"\(key)\": invalid syntax")
        }
        return index
    }

    /// The member at `key`; `nil` for a missing object key, an error for an array index out of range.
    static func read(_ key: String, in container: JSON, context: String) throws(JSONPatchError) -> JSON? {
        switch container {
        case .object(let object): return object[key]
        case .array(let array):
            let index = try arrayIndex(key, context: context)
            guard index < array.count else { throw JSONPatchError(.notApplicable, "\(context): \(invalidIndex(index))") }
            return index >= 0 ? array[index] : nil
        default: return nil
        }
    }

    static func insert(_ value: JSON, at key: String, into container: inout JSON, context: String) throws(JSONPatchError) {
        switch container {
        case .object(var object):
            container = .null
            object[key] = value
            container = .object(object)
        case .array(var array):
            if key == "-" { container = .null; array.append(value); container = .array(array); return }
            var index = try arrayIndex(key, context: "\(context): value was not a proper array index: '\(key)'")
            let size = array.count + 1
            guard index < size, index >= -size else { throw JSONPatchError(.notApplicable, "\(context): \(invalidIndex(index))") }
            if index < 0 { index += size }
            container = .null
            array.insert(value, at: index)
            container = .array(array)
        default:
            throw JSONPatchError(.notApplicable, "\(context): \(JSONPatchError.missing)")
        }
    }

    static func remove(at key: String, from container: inout JSON, context: String) throws(JSONPatchError) -> JSON {
        switch container {
        case .object(var object):
            guard let old = object[key] else {
                throw JSONPatchError(.notApplicable, "\(context): Unable to remove nonexistent key: \(key): \(JSONPatchError.missing)")
            }
            container = .null
            object.removeValue(forKey: key)
            container = .object(object)
            return old
        case .array(var array):
            var index = try arrayIndex(key, context: context)
            guard index < array.count, index >= -array.count else { throw JSONPatchError(.notApplicable, "\(context): \(invalidIndex(index))") }
            if index < 0 { index += array.count }
            container = .null
            let old = array.remove(at: index)
            container = .array(array)
            return old
        default:
            throw JSONPatchError(.notApplicable, "\(context): \(JSONPatchError.missing)")
        }
    }

    static func overwrite(_ value: JSON, at key: String, in container: inout JSON) throws(JSONPatchError) {
        switch container {
        case .object(var object):
            container = .null
            object[key] = value
            container = .object(object)
        case .array(var array):
            let index = try arrayIndex(key, context: "replace")
            container = .null
            array[index] = value
            container = .array(array)
        default:
            break
        }
    }
}
