import Reconciler

/// An environment's operations for `mooring history`, newest first.
public struct HistoryReport: Sendable {
    public var environment: String
    public var entries: [HistoryEntry]
    /// Records that could not be read, with why.
    public var remarks: [String]

    /// - Parameter commits: authors and summaries by revision, for the revisions the caller could look up.
    public init(history: History, commits: [String: CommitInfo] = [:]) {
        environment = history.environment
        entries = history.records.reversed().map { HistoryEntry(record: $0, commit: commits[$0.revision]) }
        remarks = history.unreadable.sorted { $0.key < $1.key }.map { "history entry \($0.key) could not be read: \($0.value)" }
    }
}
