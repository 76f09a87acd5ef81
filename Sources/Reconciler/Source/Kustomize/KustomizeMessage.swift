import Foundation

/// kustomize's own error message out of its standard error, without the wrapping:
///
/// - `kustomize build` writes `Error: <message>`;
/// - `kubectl kustomize` logs `E1204 18:31:36.93 14529 run.go:72] "command failed" err="<Go-quoted message>"`,
///   or for a message of several lines `err=<` followed by the lines indented by a tab and ` >`.
///
/// `# Warning: …` lines (deprecations) are left out; paths inside the temporary folder are
/// shown relative to the repository.
enum KustomizeMessage {
    static func extract(from standardError: String, workspace: String) -> String {
        let message = kubectlMessage(standardError) ?? kustomizeMessage(standardError) ?? remainder(standardError)
        return message.replacingOccurrences(of: workspace + "/", with: "").replacingOccurrences(of: workspace, with: ".")
    }

    private static func kubectlMessage(_ text: String) -> String? {
        guard let marker = text.range(of: " err=") else { return nil }
        let rest = text[marker.upperBound...]
        if rest.hasPrefix("\"") { return goUnquote(rest.dropFirst()) }
        guard rest.hasPrefix("<") else { return nil }
        var lines: [Substring] = []
        for line in rest.dropFirst().split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == ">" { break }
            lines.append(line.hasPrefix("\t") ? line.dropFirst() : line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func kustomizeMessage(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("Error: ") {
            let start = text.range(of: line)!.lowerBound
            return String(text[start...].dropFirst("Error: ".count)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return nil
    }

    private static func remainder(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.hasPrefix("# Warning:") }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The body of a Go-quoted string (after its opening quote), up to the closing quote.
    private static func goUnquote(_ text: Substring) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                result.append(character)
            }
        }
        return result
    }
}
