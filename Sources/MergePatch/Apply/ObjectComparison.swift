import Manifests

/// What changed between two versions of an object, as field sets (typed.Comparison):
/// paths added, paths whose value changed (leaves and atomic values), paths removed.
/// Added and removed subtrees list every node inside them, as structured-merge-diff does.
struct ObjectComparison: Sendable {
    var added = FieldSet()
    var modified = FieldSet()
    var removed = FieldSet()

    var isSame: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }

    /// Drops paths at or below the ignored ones (e.g. `status` on the main resource).
    func excluding(_ ignored: FieldSet) -> ObjectComparison {
        ObjectComparison(added: added.subtractingRecursively(ignored),
                         modified: modified.subtractingRecursively(ignored),
                         removed: removed.subtractingRecursively(ignored))
    }

    init() {}

    init(added: FieldSet, modified: FieldSet, removed: FieldSet) {
        self.added = added
        self.modified = modified
        self.removed = removed
    }

    init<Node: MergeSchemaNode>(from old: JSON, to new: JSON, schema: Node?) throws(FieldPathError) {
        self.init()
        try compare(old, new, schema: schema, path: [])
    }

    private mutating func compare<Node: MergeSchemaNode>(_ old: JSON?, _ new: JSON?, schema: Node?, path: FieldSetPath) throws(FieldPathError) {
        switch (old, new) {
        case (nil, nil): return
        case (nil, .some(let value)):
            if !path.isEmpty { added.insert(path) }
            try walkChildren(of: value, schema: schema, path: path) { this, childPath, childSchema, child throws(FieldPathError) in
                try this.compare(nil, child, schema: childSchema, path: childPath)
            }
        case (.some(let value), nil):
            if !path.isEmpty { removed.insert(path) }
            try walkChildren(of: value, schema: schema, path: path) { this, childPath, childSchema, child throws(FieldPathError) in
                try this.compare(child, nil, schema: childSchema, path: childPath)
            }
        case (.some(.null), .some(let value)) where Self.isGranular(value, schema: schema):
            // A null that becomes a list or map (a Go field without omitempty, such as a pod's
            // `containers`) is not itself added; only what it now holds is.
            try walkChildren(of: value, schema: schema, path: path) { this, childPath, childSchema, child throws(FieldPathError) in
                try this.compare(nil, child, schema: childSchema, path: childPath)
            }
        case (.some(let value), .some(.null)) where Self.isGranular(value, schema: schema):
            try walkChildren(of: value, schema: schema, path: path) { this, childPath, childSchema, child throws(FieldPathError) in
                try this.compare(child, nil, schema: childSchema, path: childPath)
            }
        case let (.some(.object(a)), .some(.object(b))) where schema?.isAtomicMap != true:
            for (key, value) in a {
                try compare(value, b[key], schema: schema?.member(key), path: path + [.field(key)])
            }
            for (key, value) in b where a[key] == nil {
                try compare(nil, value, schema: schema?.member(key), path: path + [.field(key)])
            }
        case let (.some(.array(a)), .some(.array(b))) where (schema?.listType ?? .atomic) != .atomic:
            let oldItems = try Self.keyed(a, schema: schema, path: path)
            let newItems = try Self.keyed(b, schema: schema, path: path)
            let newByPE = Dictionary(newItems, uniquingKeysWith: { first, _ in first })
            let oldByPE = Dictionary(oldItems, uniquingKeysWith: { first, _ in first })
            for (pe, item) in oldItems where oldByPE[pe] == item {
                try compare(item, newByPE[pe], schema: schema?.listItems, path: path + [pe])
            }
            for (pe, item) in newItems where oldByPE[pe] == nil {
                try compare(nil, item, schema: schema?.listItems, path: path + [pe])
            }
        case let (.some(a), .some(b)):
            if a != b, !path.isEmpty { modified.insert(path) }
        }
    }

    /// A non-empty object or list merged member by member (not atomic).
    private static func isGranular<Node: MergeSchemaNode>(_ value: JSON, schema: Node?) -> Bool {
        switch value {
        case .object(let object): return !object.isEmpty && schema?.isAtomicMap != true
        case .array(let items): return !items.isEmpty && (schema?.listType ?? .atomic) != .atomic
        default: return false
        }
    }

    private static func keyed<Node: MergeSchemaNode>(_ items: [JSON], schema: Node?, path: FieldSetPath) throws(FieldPathError) -> [(PathElement, JSON)] {
        Array(zip(try FieldSetWalker<Node>.elements(of: items, schema: schema, path: path), items))
    }

    /// Visits the children of a value that is not a leaf (non-atomic objects and lists).
    private mutating func walkChildren<Node: MergeSchemaNode>(
        of value: JSON, schema: Node?, path: FieldSetPath,
        _ visit: (inout ObjectComparison, FieldSetPath, Node?, JSON) throws(FieldPathError) -> Void
    ) throws(FieldPathError) {
        switch value {
        case .object(let object) where schema?.isAtomicMap != true:
            for (key, child) in object { try visit(&self, path + [.field(key)], schema?.member(key), child) }
        case .array(let items) where (schema?.listType ?? .atomic) != .atomic:
            for (pe, item) in try Self.keyed(items, schema: schema, path: path) {
                try visit(&self, path + [pe], schema?.listItems, item)
            }
        default:
            return
        }
    }
}
