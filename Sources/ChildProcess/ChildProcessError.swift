/// Why a child process could not be run to its end. A non-zero exit is not an error: it is a
/// `ChildProcessResult` whose `status` says so.
public enum ChildProcessError: Error, Equatable, CustomStringConvertible {
    /// No such executable (by path, or on `PATH`).
    case notFound(String)
    /// It ran longer than its timeout and was stopped.
    case timedOut(String, after: Duration)
    /// It wrote more than its output limit to standard output or standard error, and was stopped.
    case outputTooLarge(String, limit: Int)
    /// It could not be started (bad working folder, spawn failure).
    case launchFailed(String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let program): "\(program): program not found"
        case .timedOut(let program, let after): "\(program) did not finish within \(after.seconds) s and was stopped"
        case .outputTooLarge(let program, let limit): "\(program) wrote more than \(limit) bytes of output and was stopped"
        case .launchFailed(let program, let reason): "\(program) could not be started: \(reason)"
        }
    }
}

extension Duration {
    /// Whole seconds, for messages.
    var seconds: Int64 { components.seconds }
}
