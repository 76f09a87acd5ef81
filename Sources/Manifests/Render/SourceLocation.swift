/// Where something was written: a repository-relative file and a 1-based line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `environments/develop/app.yaml:12`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line)" }
}
