
/// Image patterns with `*` wildcards: `*:broken`, `unreachable.invalid/*`.
enum ImagePattern {
    static func matchesAny(_ image: String, _ patterns: [String]) -> Bool {
        patterns.contains { matches(image, $0) }
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { return text == pattern }
        guard text.hasPrefix(parts[0]) else { return false }
        var rest = Substring(text.dropFirst(parts[0].count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }
}
