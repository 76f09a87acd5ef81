import Foundation
internal import CGit2

/// A failed git operation: what was attempted, and why (libgit2's own message).
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Broad categories callers may react to differently.
    public enum Kind: Sendable, Equatable {
        /// A revision, path or object does not exist.
        case notFound
        /// The remote could not be reached or did not answer like a git server.
        case unreachable
        /// Credentials were missing or refused, or the server's TLS certificate is not trusted.
        case authentication
        /// The remote refused a pushed reference (non-fast-forward, hook, permission).
        case pushRejected
        /// A revert or replacement could not be applied cleanly.
        case conflict
        /// The requested change is already in place; no commit was made.
        case nothingToCommit
        /// The caller passed something invalid (bad path, bad branch name).
        case invalidArgument
        /// Anything else libgit2 reported.
        case failed
    }

    public let kind: Kind
    /// What was attempted, e.g. `cannot fetch git://127.0.0.1:9/nope.git`.
    public let attempted: String
    /// Why it failed, usually libgit2's `git_error_last()` message.
    public let reason: String

    public init(_ kind: Kind, attempted: String, reason: String) {
        self.kind = kind
        self.attempted = attempted
        self.reason = reason
    }

    /// One line: `<attempted>: <reason>`.
    public var description: String { "\(attempted): \(reason)" }
}

extension GitError {
    /// Builds an error from libgit2's last error on this thread and its return code.
    static func fromLibgit2(code: Int32, attempted: String, kind: Kind? = nil) -> GitError {
        var reason = "libgit2 error \(code)"
        var inferred = Kind(libgit2Code: code)
        if let last = git_error_last() {
            if let message = last.pointee.message {
                let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { reason = text }
            }
            let networkClasses = [GIT_ERROR_NET, GIT_ERROR_HTTP, GIT_ERROR_SSH, GIT_ERROR_SSL].map { Int32($0.rawValue) }
            if inferred == .failed, networkClasses.contains(last.pointee.klass) { inferred = .unreachable }
        }
        return GitError(kind ?? inferred, attempted: attempted, reason: reason)
    }
}

extension GitError.Kind {
    init(libgit2Code code: Int32) {
        switch code {
        case GIT_ENOTFOUND.rawValue: self = .notFound
        case GIT_EAUTH.rawValue, GIT_ECERTIFICATE.rawValue: self = .authentication
        case GIT_ENONFASTFORWARD.rawValue: self = .pushRejected
        case GIT_ECONFLICT.rawValue, GIT_EMERGECONFLICT.rawValue, GIT_EUNMERGED.rawValue: self = .conflict
        case GIT_EINVALIDSPEC.rawValue, GIT_EAMBIGUOUS.rawValue: self = .invalidArgument
        default: self = .failed
        }
    }
}

/// Throws a ``GitError`` when a libgit2 call returned a negative code.
@inline(__always)
func check(_ code: Int32, _ attempted: @autoclosure () -> String, kind: GitError.Kind? = nil) throws {
    if code < 0 { throw GitError.fromLibgit2(code: code, attempted: attempted(), kind: kind) }
}
