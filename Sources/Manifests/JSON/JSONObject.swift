/// A JSON object that keeps its keys in insertion order, with hashed look-up.
///
/// Order matters for humans (a manifest reads as it was written) and for byte-for-byte
/// round trips; equality ignores it, as JSON semantics do.
public struct JSONObject: Sendable {
    public private(set) var keys: [String] = []
    private var storage: [String: JSON] = [:]

    public init() {}

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSON) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Reads a member; assigning `nil` removes it, assigning to a new key appends it.
    public subscript(key: String) -> JSON? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func contains(_ key: String) -> Bool { storage[key] != nil }

    /// Removes a member and returns it.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        let old = storage[key]
        self[key] = nil
        return old
    }

    /// The members in order.
    public var entries: [(key: String, value: JSON)] { keys.map { ($0, storage[$0]!) } }

    /// A copy whose keys are sorted, for output that must not depend on input order.
    public func sortedByKey() -> JSONObject {
        var copy = JSONObject()
        for key in keys.sorted() { copy[key] = storage[key] }
        return copy
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> AnyIterator<(key: String, value: JSON)> {
        var index = 0
        let keys = self.keys
        let storage = self.storage
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (keys[index], storage[keys[index]]!)
        }
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }
}
