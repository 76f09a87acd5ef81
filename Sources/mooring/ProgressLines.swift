import Foundation
import Reconciler

/// Progress lines ("applying wave 0 Deployment.apps (1)") on stderr, only when it is a terminal:
/// scripts and logs get the result, people watching get the motion.
enum ProgressLines {
    static let standardError: SyncProgress = isatty(STDERR_FILENO) == 1
        ? SyncProgress { line in FileHandle.standardError.write(Data("… \(line)\n".utf8)) }
        : .silent

    /// Lines that matter in a log too (waiting for another process's Lease): always on stderr.
    static let notices = SyncProgress { line in FileHandle.standardError.write(Data("… \(line)\n".utf8)) }
}
