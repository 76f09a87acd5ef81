/// Escaping for the places Markdown text goes: prose and table cells, inline HTML, code blocks.
enum MarkdownEscaping {
    /// Prose and table cells: Markdown punctuation backslash-escaped, HTML's specials as entities,
    /// line breaks folded so a value cannot break a table row.
    static func text(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": result += "\\\(character)"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// Inline code: a span fenced with more backticks than the value holds in a row.
    static func code(_ value: String) -> String {
        let fence = String(repeating: "`", count: longestRun(of: "`", in: value) + 1)
        let padded = value.hasPrefix("`") || value.hasSuffix("`") ? " \(value) " : value
        return fence + padded.replacingOccurrences(of: "\n", with: " ") + fence
    }

    /// A fenced code block that no line of `lines` can close early.
    static func codeBlock(language: String, lines: [String]) -> String {
        let fence = String(repeating: "`", count: max(3, lines.map { longestRun(of: "`", in: $0) }.max().map { $0 + 1 } ?? 3))
        return ([fence + language] + lines + [fence]).joined(separator: "\n")
    }

    private static func longestRun(of character: Character, in value: String) -> Int {
        var longest = 0
        var current = 0
        for c in value {
            current = c == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
