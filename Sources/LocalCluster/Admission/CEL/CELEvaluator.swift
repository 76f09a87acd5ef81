import Foundation
import Manifests

/// A CEL value over JSON data: what `self` and `oldSelf` hold in a CRD validation rule.
enum CELValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([CELValue])
    case map([String: CELValue])

    init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(CELValue.init))
        case .object(let object):
            var map: [String: CELValue] = [:]
            for key in object.keys { map[key] = CELValue(object[key]!) }
            self = .map(map)
        }
    }

    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}

/// Why a rule could not be evaluated (a function this evaluator lacks, a missing key, a type
/// mismatch); the caller treats the rule as unevaluated rather than failed.
enum CELError: Error { case unsupported(String), runtime(String) }

/// Evaluates `CELExpression`s with CEL's semantics for the supported subset: `&&`/`||` absorb an
/// error on one side when the other decides, `has()` tests presence, numbers compare across int and double.
struct CELEvaluator {
    var variables: [String: CELValue]

    func evaluate(_ expression: CELExpression) throws -> CELValue {
        switch expression {
        case .literal(let value): return value
        case .identifier(let name):
            guard let value = variables[name] else { throw CELError.runtime("undeclared reference to '\(name)'") }
            return value
        case .select(let target, let name):
            guard case .map(let map) = try evaluate(target) else { throw CELError.runtime("no such key: \(name)") }
            guard let value = map[name], value != .null else { throw CELError.runtime("no such key: \(name)") }
            return value
        case .index(let target, let key):
            switch (try evaluate(target), try evaluate(key)) {
            case (.list(let items), .int(let i)) where i >= 0 && Int(i) < items.count: return items[Int(i)]
            case (.map(let map), .string(let k)): if let value = map[k] { return value }; throw CELError.runtime("no such key: \(k)")
            default: throw CELError.runtime("invalid index")
            }
        case .has(let target, let field):
            guard case .map(let map) = try evaluate(target) else { return .bool(false) }
            return .bool(map[field] != nil && map[field] != .null)
        case .list(let items): return .list(try items.map(evaluate))
        case .map(let entries):
            var map: [String: CELValue] = [:]
            for (key, value) in entries {
                guard case .string(let text) = try evaluate(key) else { throw CELError.unsupported("non-string map key") }
                map[text] = try evaluate(value)
            }
            return .map(map)
        case .unary("!", let operand):
            guard case .bool(let b) = try evaluate(operand) else { throw CELError.runtime("no matching overload for '!'") }
            return .bool(!b)
        case .unary(_, let operand):
            switch try evaluate(operand) {
            case .int(let i): return .int(-i)
            case .double(let d): return .double(-d)
            default: throw CELError.runtime("no matching overload for '-'")
            }
        case .binary(let op, let left, let right): return try binary(op, left, right)
        case .conditional(let condition, let then, let otherwise):
            guard case .bool(let b) = try evaluate(condition) else { throw CELError.runtime("conditional needs a bool") }
            return try evaluate(b ? then : otherwise)
        case .call(let name, let target, let arguments):
            return try CELFunctions.call(name, target: try target.map(evaluate), arguments: try arguments.map(evaluate))
        case .comprehension(let macro, let range, let variable, let body):
            return try comprehension(macro, range: try evaluate(range), variable: variable, body: body)
        }
    }

    private func binary(_ op: String, _ leftExpression: CELExpression, _ rightExpression: CELExpression) throws -> CELValue {
        if op == "&&" || op == "||" {
            let decisive = op == "||"
            let left = Result { try evaluate(leftExpression) }
            if case .success(.bool(decisive)) = left { return .bool(decisive) }
            let right = Result { try evaluate(rightExpression) }
            if case .success(.bool(decisive)) = right { return .bool(decisive) }
            guard case .success(.bool) = left, case .success(.bool) = right else {
                if case .failure(let error) = left { throw error }
                if case .failure(let error) = right { throw error }
                throw CELError.runtime("no matching overload for '\(op)'")
            }
            return .bool(!decisive)
        }
        let left = try evaluate(leftExpression), right = try evaluate(rightExpression)
        switch op {
        case "==": return .bool(Self.equal(left, right))
        case "!=": return .bool(!Self.equal(left, right))
        case "in":
            switch right {
            case .list(let items): return .bool(items.contains { Self.equal($0, left) })
            case .map(let map): if case .string(let key) = left { return .bool(map[key] != nil) }
            default: break
            }
            throw CELError.runtime("no matching overload for 'in'")
        case "<", "<=", ">", ">=":
            let order: ComparisonResult
            if let a = left.number, let b = right.number {
                order = a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
            } else if case .string(let a) = left, case .string(let b) = right {
                order = a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
            } else {
                throw CELError.runtime("no matching overload for '\(op)'")
            }
            switch op {
            case "<": return .bool(order == .orderedAscending)
            case "<=": return .bool(order != .orderedDescending)
            case ">": return .bool(order == .orderedDescending)
            default: return .bool(order != .orderedAscending)
            }
        default:
            return try Self.arithmetic(op, left, right)
        }
    }

    private static func arithmetic(_ op: String, _ left: CELValue, _ right: CELValue) throws -> CELValue {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            switch op {
            case "+": return .int(a &+ b)
            case "-": return .int(a &- b)
            case "*": return .int(a &* b)
            case "/": guard b != 0 else { throw CELError.runtime("division by zero") }; return .int(a / b)
            case "%": guard b != 0 else { throw CELError.runtime("modulus by zero") }; return .int(a % b)
            default: break
            }
        case (.double(let a), .double(let b)):
            switch op {
            case "+": return .double(a + b)
            case "-": return .double(a - b)
            case "*": return .double(a * b)
            case "/": return .double(a / b)
            default: break
            }
        case (.string(let a), .string(let b)) where op == "+": return .string(a + b)
        case (.list(let a), .list(let b)) where op == "+": return .list(a + b)
        default: break
        }
        throw CELError.runtime("no matching overload for '\(op)'")
    }

    static func equal(_ a: CELValue, _ b: CELValue) -> Bool {
        if let x = a.number, let y = b.number { return x == y }
        return a == b
    }

    private func comprehension(_ macro: String, range: CELValue, variable: String, body: CELExpression) throws -> CELValue {
        let elements: [CELValue]
        switch range {
        case .list(let items): elements = items
        case .map(let map): elements = map.keys.sorted().map(CELValue.string)
        default: throw CELError.runtime("\(macro) needs a list or map")
        }
        var scoped = self
        func test(_ element: CELValue) throws -> CELValue {
            scoped.variables[variable] = element
            return try scoped.evaluate(body)
        }
        switch macro {
        case "all", "exists", "exists_one":
            var matches = 0
            for element in elements {
                guard case .bool(let holds) = try test(element) else { throw CELError.runtime("\(macro) needs a bool predicate") }
                if holds { matches += 1 }
                if macro == "all" && !holds { return .bool(false) }
                if macro == "exists" && holds { return .bool(true) }
            }
            return .bool(macro == "all" ? true : (macro == "exists" ? false : matches == 1))
        case "map": return .list(try elements.map(test))
        default:
            return .list(try elements.filter { element in
                guard case .bool(let keep) = try test(element) else { throw CELError.runtime("filter needs a bool predicate") }
                return keep
            })
        }
    }
}
