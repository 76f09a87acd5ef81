import Testing
@testable import Manifests

/// Parsed JSON shares the strings objects repeat (`JSONStringPool`): the same values, stored once.
@Suite struct JSONStringPoolTests {
    /// Where a string's bytes are stored: equal for two strings sharing one storage.
    static func storage(of string: String) -> UnsafeRawPointer? {
        var copy = string
        return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    static func document(_ name: String, value: String) -> String {
        #"{"metadata": {"name": "\#(name)", "labels": {"app.kubernetes.io/managed-by": "mooring"}, "annotations": {"mooring.dev/revision": "\#(value)"}}}"#
    }

    @Test func twoObjectsParsedApartShareTheirRepeatedKeysAndValues() throws {
        let revision = String(repeating: "e950e303cf", count: 4)
        let first = try JSON(parsing: Self.document("a", value: revision))
        let second = try JSON(parsing: Self.document("b", value: revision))
        let keys = [first, second].map { $0[path: ["metadata", "labels"]]!.objectValue!.keys[0] }
        #expect(keys[0] == "app.kubernetes.io/managed-by")
        #expect(Self.storage(of: keys[0]) == Self.storage(of: keys[1]), "one key, stored once")
        let values = [first, second].map { $0[path: ["metadata", "annotations", "mooring.dev/revision"]]!.stringValue! }
        #expect(values[0] == revision)
        #expect(Self.storage(of: values[0]) == Self.storage(of: values[1]), "one value, stored once")
    }

    @Test func longValuesAreParsedAsTheyAreWithoutPooling() throws {
        let long = String(repeating: "x", count: JSONStringPool.longestValue + 1)
        let first = try JSON(parsing: Self.document("a", value: long))
        let second = try JSON(parsing: Self.document("b", value: long))
        let values = [first, second].map { $0[path: ["metadata", "annotations", "mooring.dev/revision"]]!.stringValue! }
        #expect(values[0] == long && values[1] == long)
        #expect(Self.storage(of: values[0]) != Self.storage(of: values[1]), "a long value is not worth hashing")
        #expect(!JSONStringPool.pools(count: 15, isKey: true), "Swift stores up to 15 bytes inline")
        #expect(JSONStringPool.pools(count: 16, isKey: false))
        #expect(JSONStringPool.pools(count: 1000, isKey: true), "a key is always pooled")
    }

    @Test func aFullPoolStartsAfreshAndStillAnswersEqualStrings() {
        let pool = JSONStringPool()
        for n in 0..<JSONStringPool.capacity { _ = pool.intern("a string of some length \(n)") }
        #expect(pool.count == JSONStringPool.capacity)
        let kept = pool.intern("a string of some length 7")
        #expect(pool.count == JSONStringPool.capacity, "a string pooled already is found, not added")
        #expect(kept == "a string of some length 7")
        _ = pool.intern("one more string than there is room for")
        #expect(pool.count == 1, "full: the pool started afresh")
    }
}
