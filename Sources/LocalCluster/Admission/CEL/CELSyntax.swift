/// The part of the Common Expression Language that CRD validation rules use: literals, field
/// selection, indexing, arithmetic, comparisons, `in`, `&&` `||` `!`, the conditional, calls and
/// the `has`/`all`/`exists`/`exists_one`/`map`/`filter` macros. Parsed into `CELExpression`.
indirect enum CELExpression: Sendable {
    case literal(CELValue)
    case identifier(String)
    case select(CELExpression, String)
    case index(CELExpression, CELExpression)
    case call(String, target: CELExpression?, arguments: [CELExpression])
    case list([CELExpression])
    case map([(CELExpression, CELExpression)])
    case unary(String, CELExpression)
    case binary(String, CELExpression, CELExpression)
    case conditional(CELExpression, CELExpression, CELExpression)
    /// `has(a.b)`
    case has(CELExpression, String)
    /// `list.all(x, predicate)` and the other comprehension macros.
    case comprehension(String, range: CELExpression, variable: String, body: CELExpression)
}

struct CELSyntaxError: Error {}

/// Tokens and a recursive-descent parser with CEL's precedence.
struct CELParser {
    private enum Token: Equatable {
        case identifier(String), int(Int64), double(Double), string(String), symbol(String), end
    }

    private var tokens: [Token] = []
    private var position = 0

    static func parse(_ text: String) throws -> CELExpression {
        var parser = CELParser()
        parser.tokens = try tokenize(text)
        let expression = try parser.conditional()
        guard parser.peek == .end else { throw CELSyntaxError() }
        return expression
    }

    private var peek: Token { tokens[position] }
    private mutating func next() -> Token { defer { position += 1 }; return tokens[position] }
    private mutating func accept(_ symbol: String) -> Bool {
        if peek == .symbol(symbol) { position += 1; return true }
        return false
    }
    private mutating func expect(_ symbol: String) throws { if !accept(symbol) { throw CELSyntaxError() } }

    private mutating func conditional() throws -> CELExpression {
        let condition = try binary(level: 0)
        guard accept("?") else { return condition }
        let then = try conditional()
        try expect(":")
        return .conditional(condition, then, try conditional())
    }

    private static let levels: [[String]] = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">=", "in"], ["+", "-"], ["*", "/", "%"]]

    private mutating func binary(level: Int) throws -> CELExpression {
        guard level < Self.levels.count else { return try unary() }
        var left = try binary(level: level + 1)
        while true {
            let symbol: String
            switch peek {
            case .symbol(let s) where Self.levels[level].contains(s): symbol = s
            case .identifier("in") where Self.levels[level].contains("in"): symbol = "in"
            default: return left
            }
            position += 1
            left = .binary(symbol, left, try binary(level: level + 1))
        }
    }

    private mutating func unary() throws -> CELExpression {
        if accept("!") { return .unary("!", try unary()) }
        if accept("-") { return .unary("-", try unary()) }
        return try member()
    }

    private mutating func member() throws -> CELExpression {
        var expression = try primary()
        while true {
            if accept(".") {
                guard case .identifier(let name) = next() else { throw CELSyntaxError() }
                if accept("(") {
                    if ["all", "exists", "exists_one", "map", "filter"].contains(name) {
                        guard case .identifier(let variable) = next() else { throw CELSyntaxError() }
                        try expect(",")
                        let body = try conditional()
                        try expect(")")
                        expression = .comprehension(name, range: expression, variable: variable, body: body)
                    } else {
                        expression = .call(name, target: expression, arguments: try arguments())
                    }
                } else {
                    expression = .select(expression, name)
                }
            } else if accept("[") {
                let key = try conditional()
                try expect("]")
                expression = .index(expression, key)
            } else {
                return expression
            }
        }
    }

    private mutating func arguments() throws -> [CELExpression] {
        var list: [CELExpression] = []
        if accept(")") { return list }
        repeat { list.append(try conditional()) } while accept(",")
        try expect(")")
        return list
    }

    private mutating func primary() throws -> CELExpression {
        switch next() {
        case .int(let value): return .literal(.int(value))
        case .double(let value): return .literal(.double(value))
        case .string(let value): return .literal(.string(value))
        case .identifier("true"): return .literal(.bool(true))
        case .identifier("false"): return .literal(.bool(false))
        case .identifier("null"): return .literal(.null)
        case .identifier(let name):
            guard accept("(") else { return .identifier(name) }
            if name == "has" {
                guard case .select(let target, let field) = try conditional() else { throw CELSyntaxError() }
                try expect(")")
                return .has(target, field)
            }
            return .call(name, target: nil, arguments: try arguments())
        case .symbol("("):
            let inner = try conditional()
            try expect(")")
            return inner
        case .symbol("["):
            var items: [CELExpression] = []
            if !accept("]") {
                repeat { items.append(try conditional()) } while accept(",")
                try expect("]")
            }
            return .list(items)
        case .symbol("{"):
            var entries: [(CELExpression, CELExpression)] = []
            if !accept("}") {
                repeat {
                    let key = try conditional()
                    try expect(":")
                    entries.append((key, try conditional()))
                } while accept(",")
                try expect("}")
            }
            return .map(entries)
        default:
            throw CELSyntaxError()
        }
    }

    private static func tokenize(_ text: String) throws -> [Token] {
        let characters = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        let symbols = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}"]
        while index < characters.count {
            let character = characters[index]
            if character.properties.isWhitespace { index += 1; continue }
            if character == "\"" || character == "'" || ((character == "r" || character == "R") && index + 1 < characters.count
                                                         && (characters[index + 1] == "\"" || characters[index + 1] == "'")) {
                let raw = character == "r" || character == "R"
                if raw { index += 1 }
                let quote = characters[index]
                index += 1
                var value = ""
                while index < characters.count && characters[index] != quote {
                    if characters[index] == "\\" && !raw && index + 1 < characters.count {
                        index += 1
                        switch characters[index] {
                        case "n": value += "\n"
                        case "t": value += "\t"
                        case "r": value += "\r"
                        default: value.unicodeScalars.append(characters[index])
                        }
                    } else {
                        value.unicodeScalars.append(characters[index])
                    }
                    index += 1
                }
                guard index < characters.count else { throw CELSyntaxError() }
                index += 1
                tokens.append(.string(value))
            } else if character.properties.numericType != nil && character.isASCII {
                var literal = ""
                while index < characters.count, characters[index].isASCII,
                      characters[index].properties.numericType != nil || characters[index] == "." || characters[index] == "e" {
                    if characters[index] == ".", index + 1 < characters.count, characters[index + 1].properties.numericType == nil { break }
                    literal.unicodeScalars.append(characters[index])
                    index += 1
                }
                if index < characters.count && (characters[index] == "u" || characters[index] == "U") { index += 1 }
                if let value = Int64(literal) { tokens.append(.int(value)) } else if let value = Double(literal) { tokens.append(.double(value)) } else { throw CELSyntaxError() }
            } else if character.properties.isAlphabetic || character == "_" {
                var name = ""
                while index < characters.count, characters[index].properties.isAlphabetic || characters[index] == "_"
                        || (characters[index].isASCII && characters[index].properties.numericType != nil) {
                    name.unicodeScalars.append(characters[index])
                    index += 1
                }
                tokens.append(.identifier(name))
            } else if let symbol = symbols.first(where: { symbol in
                symbol.unicodeScalars.enumerated().allSatisfy { offset, scalar in
                    index + offset < characters.count && characters[index + offset] == scalar
                }
            }) {
                tokens.append(.symbol(symbol))
                index += symbol.unicodeScalars.count
            } else {
                throw CELSyntaxError()
            }
        }
        tokens.append(.end)
        return tokens
    }
}
