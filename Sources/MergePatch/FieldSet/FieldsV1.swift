import Manifests

/// The FieldsV1 encoding of a `FieldSet`, as `metadata.managedFields[].fieldsV1` carries it.
///
/// Keys are serialized path elements (`f:spec`, `k:{"name":"web"}`, `v:"a"`, `i:0`) in
/// structured-merge-diff's order; a node that is itself owned and has children gets `".": {}`
/// first (fieldpath/serialize.go).
extension FieldSet {
    /// The FieldsV1 object, keys in the order the API server writes them.
    public var fieldsV1: JSON { .object(fieldsV1Object(includeSelf: false)) }

    /// The FieldsV1 bytes exactly as the API server writes them (Go's JSON escaping of `<`, `>`, `&`).
    public var fieldsV1Text: String {
        var out = ""
        writeFieldsV1(includeSelf: false, into: &out)
        return out
    }

    /// Reads a FieldsV1 object; unknown element kinds are skipped, as the API server does.
    public init(fieldsV1 json: JSON) throws(FieldsV1Error) {
        guard case .object(let object) = json else { throw FieldsV1Error("FieldsV1 must be a JSON object") }
        self = try Self.read(object).set
    }

    private static func read(_ object: JSONObject) throws(FieldsV1Error) -> (set: FieldSet, isMember: Bool) {
        var set = FieldSet()
        var isMember = object.isEmpty
        for (key, value) in object {
            if key == "." { isMember = true; continue }
            guard let element = try PathElement(serialized: key) else { continue }
            guard case .object(let childObject) = value else { throw FieldsV1Error("FieldsV1 value of \(key) must be an object") }
            let (childSet, childIsMember) = try read(childObject)
            if childIsMember { set.insert([element]) }
            if !childSet.isEmpty { set.children[element] = set.children[element].map { $0.union(childSet) } ?? childSet }
        }
        return (set, isMember)
    }

    /// The elements of this level in serialization order, each with whether it is a member and its subtree.
    private var orderedEntries: [(element: PathElement, isMember: Bool, child: FieldSet?)] {
        let all = Set(members).union(children.keys).sorted()
        return all.map { ($0, members.contains($0), children[$0]) }
    }

    private func fieldsV1Object(includeSelf: Bool) -> JSONObject {
        var object = JSONObject()
        if includeSelf && !isEmpty { object["."] = .object(JSONObject()) }
        for entry in orderedEntries {
            object[entry.element.serialized] = .object(entry.child?.fieldsV1Object(includeSelf: entry.isMember) ?? JSONObject())
        }
        return object
    }

    private func writeFieldsV1(includeSelf: Bool, into out: inout String) {
        out += "{"
        var first = true
        if includeSelf && !isEmpty { out += "\".\":{}"; first = false }
        for entry in orderedEntries {
            if !first { out += "," }
            first = false
            GoJSON.writeString(entry.element.serialized, into: &out)
            out += ":"
            if let child = entry.child {
                child.writeFieldsV1(includeSelf: entry.isMember, into: &out)
            } else {
                out += "{}"
            }
        }
        out += "}"
    }
}

/// A FieldsV1 document that cannot be read.
public struct FieldsV1Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension PathElement {
    /// `f:name`, `k:{...}`, `v:...` or `i:N`, as fieldpath.SerializePathElement writes it.
    public var serialized: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            var out = "k:{"
            for (i, field) in fields.enumerated() {
                if i > 0 { out += "," }
                GoJSON.writeString(field.name, into: &out)
                out += ":"
                GoJSON.write(field.value, into: &out)
            }
            return out + "}"
        case .value(let value):
            var out = "v:"
            GoJSON.write(value, into: &out)
            return out
        case .index(let index): return "i:\(index)"
        }
    }

    /// Parses a serialized element; `nil` for an unknown kind (skipped, like the real server).
    public init?(serialized text: String) throws(FieldsV1Error) {
        guard text.utf8.count >= 2 else { throw FieldsV1Error("key must be 2 characters long: \(text)") }
        let kind = text.prefix(2)
        let body = String(text.dropFirst(2))
        guard kind.last == ":" else { throw FieldsV1Error("missing colon: \(text)") }
        switch kind.first {
        case "f": self = .field(body)
        case "i":
            guard let index = Int(body) else { throw FieldsV1Error("invalid index in \(text)") }
            self = .index(index)
        case "v":
            guard let value = try? JSON(parsing: body) else { throw FieldsV1Error("invalid value in \(text)") }
            self = .value(value)
        case "k":
            guard let value = try? JSON(parsing: body), case .object(let object) = value else {
                throw FieldsV1Error("invalid key in \(text)")
            }
            self = .key(object.entries.map { ($0.key, $0.value) })
        default:
            return nil
        }
    }
}
