/// A JSON object that keeps its keys in insertion order.
///
/// Order matters for humans (a manifest reads as it was written) and for byte-for-byte
/// round trips; equality ignores it, as JSON semantics do.
///
/// Members live in one array, searched linearly: a Kubernetes object's levels have a handful of
/// keys, where comparing a few short strings beats hashing one (hashing, and the dictionary a
/// hashed object needs besides its key order, were the largest costs of reading and diffing a
/// thousand objects). A large object (a ConfigMap's `data`, a schema's definitions) gets a
/// hashed index beside the array once it passes `indexedFrom` members.
public struct JSONObject: Sendable {
    public typealias Member = (key: String, value: JSON)

    private var members: [Member] = []
    /// Position of each key in `members`, kept only past `indexedFrom` members.
    private var index: [String: Int]?

    /// From how many members a look-up hashes instead of comparing keys one by one.
    static let indexedFrom = 24

    public init() {}

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSON) {
        members.reserveCapacity(pairs.underestimatedCount)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// Reads a member; assigning `nil` removes it, assigning to a new key appends it.
    public subscript(key: String) -> JSON? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    members[position].value = newValue
                } else {
                    members.append((key, newValue))
                    if index != nil {
                        index![key] = members.count - 1
                    } else if members.count > Self.indexedFrom {
                        rebuildIndex()
                    }
                }
            } else if let position = position(of: key) {
                members.remove(at: position)
                if index != nil { rebuildIndex() }
            }
        }
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// Removes a member and returns it.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        let old = self[key]
        self[key] = nil
        return old
    }

    /// The members in order.
    public var entries: [Member] { members }

    /// A copy whose keys are sorted, for output that must not depend on input order.
    public func sortedByKey() -> JSONObject {
        var copy = JSONObject()
        copy.members = members.sorted { $0.key < $1.key }
        if index != nil { copy.rebuildIndex() }
        return copy
    }

    /// Whether both hold the very same members array (not just equal members).
    func sharesStorage(with other: JSONObject) -> Bool {
        members.withUnsafeBufferPointer { mine in
            other.members.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
        }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        for position in members.indices where members[position].key == key { return position }
        return nil
    }

    private mutating func rebuildIndex() {
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (position, member) in members.enumerated() { index[member.key] = position }
        self.index = members.count > Self.indexedFrom ? index : nil
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
    public var underestimatedCount: Int { members.count }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        // One storage shared (a copy never changed, e.g. a desired object the last pass kept):
        // equal without looking at the members.
        if lhs.sharesStorage(with: rhs) { return true }
        for (key, value) in lhs.members {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }

    /// Order-independent, like `==`: each member hashed alone, the results combined by XOR.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in members {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined ^= member.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }
}
