/// "The fields an object sets" (typed.TypedValue.ToFieldSet in structured-merge-diff).
///
/// Every scalar is a leaf; an atomic list or map is one leaf; a list-map item contributes
/// `k:{...}` plus its fields; a set item contributes `v:...`; a free-form map key is a member
/// even when it has children, while a declared field with children is not.
extension FieldSet {
    public init<Node: MergeSchemaNode>(fieldsOf object: JSON, schema: Node?) throws(FieldPathError) {
        self.init()
        try FieldSetWalker<Node>().collect(object, schema: schema, path: [], into: &self)
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
    func collect(_ value: JSON, schema: Node?, path: FieldSetPath, into set: inout FieldSet) throws(FieldPathError) {
        switch value {
        case .object(let object):
            if schema?.isAtomicMap == true {
                if !path.isEmpty { set.insert(path) }
                return
            }
            for (key, child) in object {
                let childPath = path + [.field(key)]
                try collect(child, schema: schema?.member(key), path: childPath, into: &set)
                if schema?.isDeclaredField(key) != true { set.insert(childPath) }
            }
        case .array(let items):
            let listType = schema?.listType ?? .atomic
            if listType == .atomic {
                set.insert(path)
                return
            }
            for (index, item) in items.enumerated() {
                let element = try Self.element(for: item, at: index, in: schema, path: path)
                let itemPath = path + [element]
                if case .map = listType { try collect(item, schema: schema?.listItems, path: itemPath, into: &set) }
                set.insert(itemPath)
            }
        default:
            if !path.isEmpty { set.insert(path) }
        }
    }

    /// The path element naming a list item: `k:{...}` for list maps, `v:...` for sets, `i:N` otherwise.
    static func element(for item: JSON, at index: Int, in schema: Node?, path: FieldSetPath) throws(FieldPathError) -> PathElement {
        switch schema?.listType ?? .atomic {
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
                } else if let fallback = schema?.listItems?.declaredField(key)?.defaultValue {
                    fields.append((key, fallback))
                } else {
                    throw FieldPathError(path: path, message: "element \(index): associative list with keys has an element that omits key field \"\(key)\" (and doesn't have default value)")
                }
            }
            return .key(fields)
        }
    }
}
