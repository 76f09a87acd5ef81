import Reconciler

/// What `mooring status` says with its exit code, decided once for every environment shown —
/// the same contract as `run --once` (issue 11: a failed environment used to exit 0):
///
/// - `inSync` (0): every environment Synced and Healthy at the revision its ref points at, its
///   last operation Succeeded.
/// - `needsAttention` (1): one is OutOfSync, not Healthy, its newest revision could not be
///   applied, its last operation Failed, or a `Running` record is left (an operation in progress,
///   or one a killed process never finished).
/// - `error` (2): one could not be read at all (its cluster did not answer, its history is
///   unreadable). Bad configuration and an unreachable repository never get this far: they exit
///   2 before a table is printed.
public enum StatusVerdict: Int32, Sendable, Equatable {
    case inSync = 0
    case needsAttention = 1
    case error = 2

    public init(_ rows: [(environment: String, status: Result<EnvironmentStatus, ReconcileError>)]) {
        self = rows.map { Self(of: $0.status) }.max { $0.rawValue < $1.rawValue } ?? .inSync
    }

    /// One environment's verdict.
    public init(of status: Result<EnvironmentStatus, ReconcileError>) {
        switch status {
        case .failure: self = .error
        case .success(let status): self = status.isSyncedAndHealthy ? .inSync : .needsAttention
        }
    }

    public var exitCode: Int32 { rawValue }
}

extension EnvironmentStatus {
    /// Synced and Healthy at the revision the ref points at, and the last operation finished
    /// well: nothing for a person to look at.
    public var isSyncedAndHealthy: Bool {
        synced == true && health == .healthy && targetFailure == nil && lastOperation?.result == .succeeded
    }
}
