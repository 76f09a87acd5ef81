import Manifests

/// A label selector made only of equalities (`a=b,c==d`), which is all the reconciler asks for:
/// enough to answer a LIST from the live cache by filtering in memory. Any other operator
/// (`!=`, `in`, `!key`) makes `init` fail, and the caller asks the server instead.
struct EqualitySelector: Sendable, Equatable {
    var requirements: [String: String]

    /// Parsed on every cached LIST (thirty per environment per pass), so without Foundation's
    /// string searching, which was a measurable share of a thousand-environment pass.
    init?(_ text: String) {
        var requirements: [String: String] = [:]
        for part in text.utf8.split(separator: UInt8(ascii: ",")) {
            var term = part[...]
            while term.first == UInt8(ascii: " ") { term = term.dropFirst() }
            while term.last == UInt8(ascii: " ") { term = term.dropLast() }
            guard !term.contains(UInt8(ascii: "!")), !term.contains(UInt8(ascii: " ")),
                  let equals = term.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = term[..<equals]
            var rest = term[term.index(after: equals)...]
            if rest.first == UInt8(ascii: "=") { rest = rest.dropFirst() }
            guard !key.isEmpty, !rest.contains(UInt8(ascii: "=")) else { return nil }
            requirements[String(decoding: key, as: UTF8.self)] = String(decoding: rest, as: UTF8.self)
        }
        self.requirements = requirements
    }

    /// Whether every object this selector picks also carries `key=value`.
    func requires(_ key: String, _ value: String) -> Bool { requirements[key] == value }

    func matches(_ object: JSON) -> Bool {
        let labels = object[path: ["metadata", "labels"]]
        return requirements.allSatisfy { labels?[$0.key]?.stringValue == $0.value }
    }
}
