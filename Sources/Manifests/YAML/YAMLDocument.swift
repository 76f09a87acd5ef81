/// One document of a YAML stream: its value and where each part of it came from.
///
/// The line tables let later stages (identity checks, warnings, diffs) point users at
/// `file:line` instead of at a whole file.
public struct YAMLDocument: Sendable {
    public var file: String
    public var value: JSON
    /// The 1-based line where the document begins (its `---`, or its first content).
    public var startLine: Int
    /// JSON pointer (`""` is the root, `/metadata/name`) → 1-based line. A member's line is the
    /// line of its key; an element's line is the line where it starts.
    public var lines: [String: Int]
    /// JSON pointer → source text of each unquoted, untagged scalar that YAML 1.1 turned into a
    /// boolean or number (`yes`, `0755`, `1.10`), for warnings that must quote the original.
    public var unquotedNonStrings: [String: String]

    public init(file: String, value: JSON, startLine: Int, lines: [String: Int] = [:], unquotedNonStrings: [String: String] = [:]) {
        self.file = file
        self.value = value
        self.startLine = startLine
        self.lines = lines
        self.unquotedNonStrings = unquotedNonStrings
    }

    /// The line of the node at `pointer`, or of its nearest recorded ancestor, or the document start.
    public func line(nearPointer pointer: String) -> Int {
        var current: String? = pointer
        while let candidate = current {
            if let line = lines[candidate] { return line }
            current = JSONPointer.parent(of: candidate)
        }
        return startLine
    }

    /// The line of the node at a path of object keys, e.g. `["metadata", "name"]`.
    public func line(nearPath path: [String]) -> Int { line(nearPointer: JSONPointer.from(path: path)) }
}
