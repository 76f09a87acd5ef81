/// One thing wrong in `mooring.yaml`, located by line so the user can go straight to it.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// `nil` only when the problem has no place in the file (e.g. an empty file).
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `mooring.yaml:7: unknown key "prunee" in environment "develop"`
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Everything wrong in a configuration file, found in one pass so users fix it in one go.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) { self.problems = problems }

    /// One problem per line, in file order.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
