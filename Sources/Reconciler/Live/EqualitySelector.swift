import Foundation
import Manifests

/// A label selector made only of equalities (`a=b,c==d`), which is all the reconciler asks for:
/// enough to answer a LIST from the live cache by filtering in memory. Any other operator
/// (`!=`, `in`, `!key`) makes `init` fail, and the caller asks the server instead.
struct EqualitySelector: Sendable, Equatable {
    var requirements: [String: String]

    init?(_ text: String) {
        var requirements: [String: String] = [:]
        for part in text.split(separator: ",") {
            let term = part.trimmingCharacters(in: .whitespaces)
            guard !term.contains("!"), !term.contains(" "),
                  let range = term.range(of: "==") ?? term.range(of: "=") else { return nil }
            let key = String(term[..<range.lowerBound]), value = String(term[range.upperBound...])
            guard !key.isEmpty, !value.contains("=") else { return nil }
            requirements[key] = value
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
