/// How a child process ended, and what it wrote.
public struct ChildProcessResult: Sendable {
    public enum Status: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): "exit status \(code)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    public var status: Status
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]

    public init(status: Status, standardOutput: [UInt8], standardError: [UInt8]) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Exited with status 0.
    public var succeeded: Bool { status == .exited(0) }
    /// The exit status, or 128 + the signal as a shell reports it.
    public var exitCode: Int32 {
        switch status {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
    }
    public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    public var stderr: String { String(decoding: standardError, as: UTF8.self) }
}
