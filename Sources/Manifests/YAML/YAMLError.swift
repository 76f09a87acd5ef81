/// A YAML file that cannot be read: libyaml's problem text (or the loader's), with the file and
/// the 1-based line and column, printed as `file:line:column: problem` the way compilers do.
public struct YAMLError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
