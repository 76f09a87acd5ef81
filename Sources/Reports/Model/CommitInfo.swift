import Foundation
import Reconciler

/// The commit a report is about, as GitSource's log knows it; every field but the id is optional
/// because a report may be made from a bare revision.
public struct CommitInfo: Sendable, Hashable {
    public var id: String
    public var author: String?
    /// The first line of the message.
    public var summary: String?
    public var time: Date?

    public init(id: String, author: String? = nil, summary: String? = nil, time: Date? = nil) {
        self.id = id
        self.author = author
        self.summary = summary.map { $0.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? $0 }
        self.time = time
    }

    /// The commit as the reconciler described it (`ConfigSource.describe`).
    public init(_ facts: RevisionFacts) {
        self.init(id: facts.revision, author: facts.author, summary: facts.message, time: facts.time)
    }

    /// `1a2b3c4`
    public var shortID: String { String(id.prefix(7)) }
}
