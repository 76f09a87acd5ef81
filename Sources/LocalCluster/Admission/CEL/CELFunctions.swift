import Foundation

/// The standard and Kubernetes string/list functions CRD rules commonly call; anything else is
/// `CELError.unsupported` (the rule is then not evaluated).
enum CELFunctions {
    static func call(_ name: String, target: CELValue?, arguments: [CELValue]) throws -> CELValue {
        let all = (target.map { [$0] } ?? []) + arguments
        switch (name, all.first, all.count) {
        case ("size", .string(let s)?, 1): return .int(Int64(s.unicodeScalars.count))
        case ("size", .list(let items)?, 1): return .int(Int64(items.count))
        case ("size", .map(let map)?, 1): return .int(Int64(map.count))
        case ("int", .int?, 1): return all[0]
        case ("int", .double(let d)?, 1): return .int(Int64(d))
        case ("int", .string(let s)?, 1): guard let i = Int64(s) else { throw CELError.runtime("cannot convert") }; return .int(i)
        case ("double", let value?, 1): guard let d = value.number else { throw CELError.runtime("cannot convert") }; return .double(d)
        case ("string", .string?, 1): return all[0]
        case ("string", .int(let i)?, 1): return .string(String(i))
        case ("string", .bool(let b)?, 1): return .string(b ? "true" : "false")
        case ("startsWith", .string(let s)?, 2): return .bool(s.hasPrefix(try text(all[1])))
        case ("endsWith", .string(let s)?, 2): return .bool(s.hasSuffix(try text(all[1])))
        case ("contains", .string(let s)?, 2): return .bool(s.contains(try text(all[1])))
        case ("lowerAscii", .string(let s)?, 1): return .string(s.lowercased())
        case ("upperAscii", .string(let s)?, 1): return .string(s.uppercased())
        case ("trim", .string(let s)?, 1): return .string(s.trimmingCharacters(in: .whitespaces))
        case ("matches", .string(let s)?, 2):
            guard let regex = try? NSRegularExpression(pattern: try text(all[1])) else { throw CELError.unsupported("regular expression") }
            return .bool(regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        case ("split", .string(let s)?, 2): return .list(s.components(separatedBy: try text(all[1])).map(CELValue.string))
        case ("indexOf", .list(let items)?, 2): return .int(Int64(items.firstIndex { CELEvaluator.equal($0, all[1]) } ?? -1))
        case ("isSorted", .list(let items)?, 1):
            return .bool(zip(items, items.dropFirst()).allSatisfy { pair in
                if let a = pair.0.number, let b = pair.1.number { return a <= b }
                if case .string(let a) = pair.0, case .string(let b) = pair.1 { return a <= b }
                return false
            })
        case ("min", .list(let items)?, 1), ("max", .list(let items)?, 1):
            let numbers = items.compactMap(\.number)
            guard numbers.count == items.count, let extreme = name == "min" ? numbers.min() : numbers.max() else { throw CELError.runtime("min/max") }
            return items.first { $0.number == extreme }!
        default:
            throw CELError.unsupported(name)
        }
    }

    private static func text(_ value: CELValue) throws -> String {
        guard case .string(let s) = value else { throw CELError.runtime("expected a string") }
        return s
    }
}
