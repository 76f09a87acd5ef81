import Foundation
import Manifests

/// A label selector, from a `labelSelector` query (`a=b,c!=d,e in (f,g),!h`) or from an object's
/// `spec.selector` (`matchLabels` / `matchExpressions`). Empty selects everything.
struct LabelQuery: Sendable, Equatable {
    enum Operator: Sendable, Equatable { case equals, notEquals, isIn, notIn, exists, doesNotExist }

    struct Requirement: Sendable, Equatable {
        var key: String
        var op: Operator
        var values: [String]

        func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals: return value == values.first
            case .notEquals: return value != values.first
            case .isIn: return value.map(values.contains) ?? false
            case .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            }
        }
    }

    var requirements: [Requirement] = []

    /// Kept false when a `spec.selector` is missing: it then selects nothing, as for a ReplicaSet.
    var selectsNothing = false

    var isEmpty: Bool { requirements.isEmpty && !selectsNothing }

    func matches(_ labels: [String: String]) -> Bool {
        !selectsNothing && requirements.allSatisfy { $0.matches(labels) }
    }

    init() {}

    /// Parses the query-string form; throws a 400 with the API server's wording.
    init(parsing text: String) throws {
        for term in Self.splitTerms(text) {
            let term = term.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            requirements.append(try Self.requirement(term))
        }
    }

    /// From `{matchLabels: {...}, matchExpressions: [{key, operator, values}]}`.
    init(selector: JSON?) {
        guard let selector, selector.objectValue != nil else { selectsNothing = true; return }
        for (key, value) in selector["matchLabels"]?.objectValue ?? [:] {
            requirements.append(Requirement(key: key, op: .equals, values: [value.stringValue ?? ""]))
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            let op: Operator
            switch expression["operator"]?.stringValue {
            case "In": op = .isIn
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            default: op = .doesNotExist
            }
            requirements.append(Requirement(key: key, op: op, values: values))
        }
    }

    /// Splits on commas that are not inside `( … )`.
    private static func splitTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: terms.append(current); current = ""
            default: current.append(character)
            }
        }
        terms.append(current)
        return terms
    }

    private static func requirement(_ term: String) throws -> Requirement {
        if term.hasPrefix("!") {
            return Requirement(key: String(term.dropFirst()).trimmingCharacters(in: .whitespaces), op: .doesNotExist, values: [])
        }
        for (token, op) in [("!=", Operator.notEquals), ("==", .equals), ("=", .equals)] {
            if let range = term.range(of: token) {
                let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = term[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty else { throw StatusError.badRequest("unable to parse requirement: found '\(token)', expected: identifier") }
                return Requirement(key: key, op: op, values: [value])
            }
        }
        let words = term.split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2 {
            let rest = words[1].trimmingCharacters(in: .whitespaces)
            for (keyword, op) in [("notin", Operator.notIn), ("in", .isIn)] where rest.lowercased().hasPrefix(keyword) {
                let list = rest.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
                guard list.hasPrefix("("), list.hasSuffix(")") else {
                    throw StatusError.badRequest("unable to parse requirement: found '\(list)', expected: '('")
                }
                let values = list.dropFirst().dropLast().split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                return Requirement(key: words[0], op: op, values: values)
            }
            throw StatusError.badRequest("unable to parse requirement: found '\(rest)', expected: in, notin, =, ==, !=, gt, lt")
        }
        return Requirement(key: term, op: .exists, values: [])
    }
}
