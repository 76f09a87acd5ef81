/// What an untagged plain scalar means under the rules `kubectl` applies (sigs.k8s.io/yaml over
/// go-yaml v2, i.e. YAML 1.1): `yes`/`on` are booleans, `0x1F` and `1e3` are numbers, `~` is null.
///
/// This mirrors go-yaml v2's `resolve` so a manifest means here what it means to `kubectl apply`.
enum ResolvedScalar: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer above `Int64.max` that still fits go-yaml's `uint64`.
    case unsignedInt(UInt64)
    case double(Double)
    /// Looks like a YAML 1.1 timestamp; go-yaml hands it over as a string, but a dumper must quote it.
    case timestamp
    case string
}

enum ScalarResolver {
    /// Resolves the text of a plain scalar, as go-yaml v2 does with no explicit tag.
    static func resolve(_ text: String) -> ResolvedScalar {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return keywords[text] ?? .string
        case UInt8(ascii: "."):
            if let keyword = keywords[text] { return keyword }
            return parseYAMLFloat(Substring(text)).map(ResolvedScalar.double) ?? .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if let keyword = keywords[text] { return keyword }
            return resolveNumber(text)
        default:
            return .string
        }
    }

    /// The literal words go-yaml v2 recognises, in exactly the case forms it accepts.
    private static let keywords: [String: ResolvedScalar] = {
        var table: [String: ResolvedScalar] = [:]
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { table[word] = .bool(true) }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { table[word] = .bool(false) }
        for word in ["~", "null", "Null", "NULL"] { table[word] = .null }
        for word in [".nan", ".NaN", ".NAN"] { table[word] = .double(.nan) }
        for word in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { table[word] = .double(.infinity) }
        for word in ["-.inf", "-.Inf", "-.INF"] { table[word] = .double(-.infinity) }
        return table
    }()

    /// Digits or a sign first: a timestamp, an integer (Go's base-prefix rules, `_` ignored),
    /// or a float; anything else stays a string.
    private static func resolveNumber(_ text: String) -> ResolvedScalar {
        if looksLikeTimestamp(text) { return .timestamp }
        let plain = text.contains("_") ? text.replacingAll("_", with: "") : text
        if let int = GoInteger.parseSigned(plain) { return .int(int) }
        if let unsigned = GoInteger.parseUnsigned(plain) { return .unsignedInt(unsigned) }
        if let double = parseYAMLFloat(Substring(plain)) { return .double(double) }
        return .string
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml's float pattern; out-of-range
    /// values (`1e400`) stay strings as Go's `ParseFloat` error makes them.
    static func parseYAMLFloat(_ text: Substring) -> Double? {
        let bytes = Array(text.utf8)
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        let integerStart = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        let integerDigits = i - integerStart
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            if integerDigits == 0 && i == fractionStart { return nil }
        } else if integerDigits == 0 {
            return nil
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponentStart = i
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            if i == exponentStart { return nil }
        }
        guard i == bytes.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The shapes go-yaml v2 tries as timestamps: `2006-1-2`, optionally followed by
    /// `T`/`t`/space, `15:4:5`, a fraction and (not after a space) a zone.
    static func looksLikeTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var i = 0
        func digits(_ range: ClosedRange<Int>) -> Bool {
            let start = i
            while i < bytes.count, isDigit(bytes[i]), i - start < range.upperBound { i += 1 }
            return range.contains(i - start)
        }
        func expect(_ byte: Character) -> Bool {
            guard i < bytes.count, bytes[i] == byte.asciiValue! else { return false }
            i += 1
            return true
        }
        guard digits(4...4), expect("-"), digits(1...2), expect("-"), digits(1...2) else { return false }
        if i == bytes.count { return true }
        let separator = bytes[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return false }
        i += 1
        guard digits(1...2), expect(":"), digits(1...2), expect(":"), digits(1...2) else { return false }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(1...9) else { return false }
        }
        if i == bytes.count { return true }
        guard separator != UInt8(ascii: " ") else { return false }
        if expect("Z") { return i == bytes.count }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else { return false }
        i += 1
        return digits(2...2) && expect(":") && digits(2...2) && i == bytes.count
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

extension String {
    /// Every occurrence of `target` replaced; kept here so the module needs no Foundation for it.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
