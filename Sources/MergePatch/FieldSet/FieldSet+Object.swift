import Manifests

/// "The fields an object sets" (typed.TypedValue.ToFieldSet in structured-merge-diff).
///
/// Every scalar is a leaf; an atomic list or map is one leaf; a list-map item contributes
/// `k:{...}` plus its fields; a set item contributes `v:...`; a free-form map key is a member
/// even when it has children, while a declared field with children is not.
extension FieldSet {
    public init<Node: MergeSchemaNode>(fieldsOf object: JSON, schema: Node?) throws(FieldPathError) {
        self = try FieldSetWalker<Node>().fields(below: object, schema: schema, path: []).below
    }
}

/// A value that cannot be addressed by field paths, e.g. a list-map item without its key.
public struct FieldPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: FieldSetPath
    public var message: String

    public init(path: FieldSetPath, message: String) {
        self.path = path
        self.message = message
    }

    /// `.spec.ports: element 0: associative list with keys has an element that omits key field "port"`.
    public var description: String { path.isEmpty ? message : "\(path.pathDescription): \(message)" }
}

/// Walks a value alongside its schema; also the place that names list items by path element.
struct FieldSetWalker<Node: MergeSchemaNode> {
    /// Whether `value` is one leaf, and the field set of what lies below it (built bottom-up,
    /// so no path is walked from the root twice).
    func fields(below value: JSON, schema: Node?, path: FieldSetPath) throws(FieldPathError) -> (isLeaf: Bool, below: FieldSet) {
        switch value {
        case .object(let object):
            if schema?.isAtomicMap == true { return (true, FieldSet()) }
            var below = FieldSet()
            for (key, child) in object {
                let element = PathElement.field(key)
                let declared = schema?.declaredField(key)
                let sub = try fields(below: child, schema: declared ?? schema?.mapValues, path: path + [element])
                if sub.isLeaf || declared == nil { below.members.insert(element) }
                if !sub.below.isEmpty { below.children[element] = sub.below }
            }
            return (false, below)
        case .array(let items):
            let listType = schema?.listType ?? .atomic
            if listType == .atomic { return (true, FieldSet()) }
            let itemSchema = schema?.listItems
            var below = FieldSet()
            for (index, item) in items.enumerated() {
                let element = try Self.element(for: item, at: index, listType: listType, items: itemSchema, path: path)
                below.members.insert(element)
                if case .map = listType {
                    let sub = try fields(below: item, schema: itemSchema, path: path + [element])
                    if !sub.below.isEmpty { below.children[element] = below.children[element].map { $0.union(sub.below) } ?? sub.below }
                }
            }
            return (false, below)
        default:
            return (true, FieldSet())
        }
    }

    /// The path element naming a list item: `k:{...}` for list maps, `v:...` for sets, `i:N` otherwise.
    static func element(for item: JSON, at index: Int, in schema: Node?, path: FieldSetPath) throws(FieldPathError) -> PathElement {
        try element(for: item, at: index, listType: schema?.listType ?? .atomic, items: schema?.listItems, path: path)
    }

    static func element(for item: JSON, at index: Int, listType: SchemaListType, items: Node?, path: FieldSetPath) throws(FieldPathError) -> PathElement {
        switch listType {
        case .atomic:
            return .index(index)
        case .set:
            if case .object = item { throw FieldPathError(path: path, message: "element \(index): expected scalar, got map") }
            if case .array = item { throw FieldPathError(path: path, message: "element \(index): expected scalar, got list") }
            return .value(item)
        case .map(let keys):
            guard case .object(let object) = item else {
                throw FieldPathError(path: path, message: "element \(index): associative list with keys may not have non-map elements")
            }
            if keys.isEmpty {
                throw FieldPathError(path: path, message: "element \(index): associative list without keys has an element that's a map type")
            }
            var fields: [(String, JSON)] = []
            for key in keys {
                if let value = object[key] {
                    fields.append((key, value))
                } else if let fallback = items?.declaredField(key)?.defaultValue {
                    fields.append((key, fallback))
                } else {
                    throw FieldPathError(path: path, message: "element \(index): associative list with keys has an element that omits key field \"\(key)\" (and doesn't have default value)")
                }
            }
            return .key(fields)
        }
    }

    /// The path elements of a list's items, with the list's type looked up once.
    static func elements(of items: [JSON], schema: Node?, path: FieldSetPath) throws(FieldPathError) -> [PathElement] {
        let listType = schema?.listType ?? .atomic
        let itemSchema = schema?.listItems
        var out: [PathElement] = []
        out.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            out.append(try element(for: item, at: index, listType: listType, items: itemSchema, path: path))
        }
        return out
    }
}
