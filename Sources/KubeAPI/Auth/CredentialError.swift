/// A credential that could not be obtained. Never carries the credential itself; a plugin's
/// standard output (where the secret would be) is never quoted, only its exit status and stderr.
public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    case tokenFileUnreadable(path: String, reason: String)
    case execNotFound(command: String, installHint: String?)
    case execFailed(command: String, exitStatus: Int32, stderr: String)
    case execOutputInvalid(command: String, detail: String)

    public var description: String {
        switch self {
        case .tokenFileUnreadable(let path, let reason): return "token file \(path): cannot read: \(reason)"
        case .execNotFound(let command, let hint):
            return "exec credential plugin \(command): not found" + (hint.map { "; \($0)" } ?? "")
        case .execFailed(let command, let status, let stderr):
            let detail = stderr.isEmpty ? "" : ": \(stderr)"
            return "exec credential plugin \(command) exited with status \(status)\(detail)"
        case .execOutputInvalid(let command, let detail): return "exec credential plugin \(command): \(detail)"
        }
    }
}
