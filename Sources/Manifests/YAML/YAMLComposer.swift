/// Turns a document's syntax tree into a `JSON` value as sigs.k8s.io/yaml would hand it to the
/// API server, recording each node's line on the way.
///
/// The decisions that matter: scalars resolve by YAML 1.1 rules (`ScalarResolver`); floats that
/// hold a whole number become integers (Go's JSON encoder writes `1e3` as `1000`); map keys become
/// strings; merge keys (`<<`) apply in document order as in go-yaml v2. One deliberate
/// difference from kubectl: a key written twice in one mapping is an error, not "last one wins".
struct YAMLComposer {
    let file: String
    private(set) var lines: [String: Int] = [:]
    private(set) var unquotedNonStrings: [String: String] = [:]
    /// Aliases can multiply a small text into a huge value ("billion laughs"); stop well before that.
    private var remainingNodes: Int

    init(file: String, nodeBudget: Int) {
        self.file = file
        self.remainingNodes = nodeBudget
    }

    mutating func compose(_ node: YAMLNode, at pointer: String) throws -> JSON {
        remainingNodes -= 1
        if remainingNodes < 0 { throw error(at: node.mark, "document expands to too many nodes (aliases nested too deeply?)") }
        switch node {
        case .scalar(let scalar):
            if lines[pointer] == nil { lines[pointer] = scalar.mark.line }
            return try value(of: scalar, at: pointer)
        case .sequence(let items, let mark):
            if lines[pointer] == nil { lines[pointer] = mark.line }
            var array: [JSON] = []
            array.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                array.append(try compose(item, at: JSONPointer.appending(index, to: pointer)))
            }
            return .array(array)
        case .mapping(let pairs, let mark):
            if lines[pointer] == nil { lines[pointer] = mark.line }
            return .object(try composeMapping(pairs, at: pointer))
        }
    }

    // MARK: - Mappings and merge keys

    private mutating func composeMapping(_ pairs: [YAMLPair], at pointer: String) throws -> JSONObject {
        var object = JSONObject()
        // The keys written here (not merged), searched one by one: a mapping has a few.
        var ownKeys: [(key: String, line: Int)] = []
        for pair in pairs {
            if Self.isMergeKey(pair.key) {
                try merge(pair.value, into: &object, at: pointer)
                continue
            }
            let key = try keyString(pair.key)
            if let first = ownKeys.first(where: { $0.key == key }) {
                throw error(at: pair.key.mark, "mapping key \"\(key)\" already defined at line \(first.line)")
            }
            ownKeys.append((key, pair.key.mark.line))
            let memberPointer = JSONPointer.appending(key, to: pointer)
            // An explicit member replaces anything a merge put there, including its line records.
            if object[key] != nil { forgetRecords(under: memberPointer) }
            lines[memberPointer] = pair.key.mark.line
            object[key] = try compose(pair.value, at: memberPointer)
        }
        return object
    }

    /// `<<: *base` or `<<: [*a, *b]`, applied where it stands, as go-yaml v2 (and so kubectl)
    /// does: merged members replace keys written above the `<<`, keys written below it replace
    /// merged ones, and in a list the earlier maps win over later ones.
    private mutating func merge(_ source: YAMLNode, into object: inout JSONObject, at pointer: String) throws {
        let maps: [YAMLNode]
        switch source {
        case .mapping: maps = [source]
        case .sequence(let items, _): maps = items
        case .scalar: throw error(at: source.mark, "map merge requires map or sequence of maps as the value")
        }
        for map in maps.reversed() {
            guard case .mapping(let pairs, _) = map else {
                throw error(at: map.mark, "map merge requires map or sequence of maps as the value")
            }
            // Compose into scratch tables, then move over the records of each member taken.
            var scratch = YAMLComposer(file: file, nodeBudget: remainingNodes)
            let merged = try scratch.composeMapping(pairs, at: pointer)
            remainingNodes = scratch.remainingNodes
            for (key, value) in merged {
                let memberPointer = JSONPointer.appending(key, to: pointer)
                if object[key] != nil { forgetRecords(under: memberPointer) }
                object[key] = value
                copyRecords(under: memberPointer, from: scratch)
            }
        }
    }

    private mutating func copyRecords(under pointer: String, from other: YAMLComposer) {
        let prefix = pointer + "/"
        for (candidate, line) in other.lines where candidate == pointer || candidate.hasPrefix(prefix) {
            lines[candidate] = line
        }
        for (candidate, text) in other.unquotedNonStrings where candidate == pointer || candidate.hasPrefix(prefix) {
            unquotedNonStrings[candidate] = text
        }
    }

    private mutating func forgetRecords(under pointer: String) {
        let prefix = pointer + "/"
        lines = lines.filter { $0.key != pointer && !$0.key.hasPrefix(prefix) }
        unquotedNonStrings = unquotedNonStrings.filter { $0.key != pointer && !$0.key.hasPrefix(prefix) }
    }

    static func isMergeKey(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = node, scalar.text == "<<" else { return false }
        return (scalar.isPlain && scalar.tag == nil) || scalar.tag == YAMLTag.merge
    }

    /// Map keys as sigs.k8s.io/yaml writes them into JSON: `true`, `42`, `1.5`; null and
    /// collections cannot be keys.
    private func keyString(_ node: YAMLNode) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw error(at: node.mark, "unsupported map key: a \(node.kindName) cannot be a key")
        }
        switch try typedValue(of: scalar) {
        case .string, .timestamp: return scalar.text
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .unsignedInt: throw error(at: scalar.mark, "unsupported map key \(scalar.text): too large an integer")
        case .double(let d): return GoFloatFormat.shortestG(float32: Float(d))
        case .null: throw error(at: scalar.mark, "unsupported map key: null")
        }
    }

    // MARK: - Scalars

    private mutating func value(of scalar: YAMLScalar, at pointer: String) throws -> JSON {
        let resolved = try typedValue(of: scalar)
        if scalar.isPlain, scalar.tag == nil {
            switch resolved {
            case .bool, .int, .unsignedInt, .double: unquotedNonStrings[pointer] = scalar.text
            default: break
            }
        }
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .unsignedInt(let u): return .double(Double(u))
        case .double(let d): return Self.jsonNumber(d)
        case .string, .timestamp:
            if scalar.tag == YAMLTag.binary {
                guard let bytes = Base64.decode(scalar.text) else { throw error(at: scalar.mark, "!!binary value contains invalid base64 data") }
                return .string(String(decoding: bytes, as: UTF8.self))
            }
            return .string(scalar.text)
        }
    }

    /// Go's JSON encoder prints a whole float without a fraction (`1000`, not `1000.0`), so the API
    /// server reads it as an integer; only values past 1e21 keep an exponent and stay floats.
    static func jsonNumber(_ d: Double) -> JSON {
        if d.isFinite, d.rounded() == d, abs(d) < 1e21, let int = Int64(exactly: d) { return .int(int) }
        return .double(d)
    }

    /// The scalar's meaning given its tag: untagged plain scalars are resolved, quoted and block
    /// scalars are strings, `!!int`/`!!bool`/`!!float`/`!!null` must match what the text says.
    private func typedValue(of scalar: YAMLScalar) throws -> ResolvedScalar {
        guard let tag = scalar.tag, !tag.isEmpty else {
            return scalar.isPlain ? ScalarResolver.resolve(scalar.text) : .string
        }
        guard let expected = YAMLTag.resolvableKind(tag) else { return .string }
        var resolved = ScalarResolver.resolve(scalar.text)
        if resolved == .timestamp && expected != "timestamp" { resolved = .string }
        switch (expected, resolved) {
        case ("bool", .bool), ("int", .int), ("int", .unsignedInt), ("float", .double), ("null", .null), ("timestamp", .timestamp):
            return resolved
        case ("float", .int(let i)):
            return .double(Double(i))
        default:
            throw error(at: scalar.mark, "cannot decode \(YAMLTag.shortName(of: resolved)) `\(scalar.text)` as a !!\(expected)")
        }
    }

    private func error(at mark: YAMLMark, _ message: String) -> YAMLError {
        YAMLError(file: file, line: mark.line, column: mark.column, message: message)
    }
}

/// The YAML 1.1 core tags the loader understands, in the long form libyaml reports.
enum YAMLTag {
    static let prefix = "tag:yaml.org,2002:"
    static let merge = prefix + "merge"
    static let binary = prefix + "binary"

    /// `bool`, `int`, `float`, `null` or `timestamp` for tags whose text must be resolved; `nil` for
    /// `!!str`, `!!binary`, `!` and application tags, whose value is the text itself.
    static func resolvableKind(_ tag: String) -> String? {
        guard tag.hasPrefix(prefix) else { return nil }
        let kind = String(tag.dropFirst(prefix.count))
        return ["bool", "int", "float", "null", "timestamp"].contains(kind) ? kind : nil
    }

    static func shortName(of resolved: ResolvedScalar) -> String {
        switch resolved {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int, .unsignedInt: return "!!int"
        case .double: return "!!float"
        case .timestamp: return "!!timestamp"
        case .string: return "!!str"
        }
    }
}
