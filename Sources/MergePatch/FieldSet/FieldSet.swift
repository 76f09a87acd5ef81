import Manifests

/// A set of field paths: what one field manager owns in an object (fieldpath.Set).
///
/// It is a tree: at each level, `members` are the path elements that are themselves in the
/// set, and `children` hold the sets below an element. A node can be both (a list-map item the
/// manager owns, and fields inside it); FieldsV1 marks that with `".": {}`.
public struct FieldSet: Hashable, Sendable {
    public internal(set) var members: Set<PathElement> = []
    public internal(set) var children: [PathElement: FieldSet] = [:]

    public init() {}

    /// A set holding exactly these paths.
    public init<S: Sequence>(paths: S) where S.Element == FieldSetPath {
        for path in paths { insert(path) }
    }

    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    /// Adds one path (and nothing above it: parents are only members when inserted themselves).
    public mutating func insert(_ path: FieldSetPath) {
        insert(path[...])
    }

    private mutating func insert(_ path: ArraySlice<PathElement>) {
        guard let head = path.first else { return }
        if path.count == 1 { members.insert(head); return }
        children[head, default: FieldSet()].insert(path.dropFirst())
    }

    public func contains(_ path: FieldSetPath) -> Bool {
        var node = self
        for (offset, element) in path.enumerated() {
            if offset == path.count - 1 { return node.members.contains(element) }
            guard let child = node.children[element] else { return false }
            node = child
        }
        return false
    }

    /// The subtree below `element` (fieldpath.Set.WithPrefix).
    public func child(_ element: PathElement) -> FieldSet { children[element] ?? FieldSet() }

    /// Whether anything at or below `element` is in the set.
    public func touches(_ element: PathElement) -> Bool { members.contains(element) || children[element] != nil }

    public func union(_ other: FieldSet) -> FieldSet {
        var out = self
        out.members.formUnion(other.members)
        for (element, set) in other.children {
            out.children[element] = out.children[element].map { $0.union(set) } ?? set
        }
        return out
    }

    public func intersection(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.intersection(other.members)
        for (element, set) in children {
            guard let theirs = other.children[element] else { continue }
            let common = set.intersection(theirs)
            if !common.isEmpty { out.children[element] = common }
        }
        return out
    }

    /// Paths in this set and not in `other`; a member removed leaves its children alone.
    public func subtracting(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (element, set) in children {
            if let theirs = other.children[element] {
                let rest = set.subtracting(theirs)
                if !rest.isEmpty { out.children[element] = rest }
            } else {
                out.children[element] = set
            }
        }
        return out
    }

    /// Paths in this set that are neither in `other` nor below a member of `other`
    /// (fieldpath.Set.RecursiveDifference): how ignored fields such as `status` are cut out.
    public func subtractingRecursively(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (element, set) in children where !other.members.contains(element) {
            if let theirs = other.children[element] {
                let rest = set.subtractingRecursively(theirs)
                if !rest.isEmpty { out.children[element] = rest }
            } else {
                out.children[element] = set
            }
        }
        return out
    }

    /// Every path in the set, in structured-merge-diff's order (fieldpath.Set.Iterate).
    public var paths: [FieldSetPath] {
        var out: [FieldSetPath] = []
        collect(prefix: [], into: &out)
        return out
    }

    private func collect(prefix: FieldSetPath, into out: inout [FieldSetPath]) {
        for element in members.sorted() { out.append(prefix + [element]) }
        for element in children.keys.sorted() { children[element]!.collect(prefix: prefix + [element], into: &out) }
    }

    public var count: Int { members.count + children.values.reduce(0) { $0 + $1.count } }
}

extension FieldSet {
    /// Adds every declared (struct) field that has owned children as a member itself
    /// (fieldpath.Set.EnsureNamedFieldsAreMembers), so removing "everything below `.spec`"
    /// can remove `.spec` too; free-form map keys are left as they are.
    public func ensuringNamedFieldsAreMembers<Node: MergeSchemaNode>(schema: Node?) -> FieldSet {
        var out = FieldSet()
        out.members = members
        for (element, set) in children {
            let childSchema: Node?
            switch element {
            case .field(let name):
                if schema?.declaredField(name) != nil { out.members.insert(element) }
                childSchema = schema?.member(name)
            default:
                childSchema = schema?.listItems
            }
            out.children[element] = set.ensuringNamedFieldsAreMembers(schema: childSchema)
        }
        return out
    }
}
