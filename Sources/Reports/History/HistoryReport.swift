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
        let records = history.records
        entries = records.reversed().map { record in
            var entry = HistoryEntry(record: record, commit: commits[record.revision])
            // The latest earlier operation that applied each revision of the rollback.
            func operation(applying revision: String?) -> Int? {
                guard let revision else { return nil }
                return records.last { $0.id < record.id && $0.revision == revision }?.id
            }
            entry.rolledBackFromOperation = operation(applying: record.rolledBackFrom)
            entry.rolledBackToOperation = operation(applying: record.rolledBackTo)
            return entry
        }
        remarks = history.unreadable.sorted { $0.key < $1.key }.map { "history entry \($0.key) could not be read: \($0.value)" }
    }
}
