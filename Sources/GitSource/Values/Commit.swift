import Foundation

/// A commit's metadata, read from the object database.
public struct Commit: Hashable, Sendable, Identifiable {
    public let id: CommitID
    public let author: GitSignature
    public let committer: GitSignature
    /// The full message, as written.
    public let message: String
    /// The first paragraph of the message on one line (git's "subject").
    public let summary: String
    /// Parent ids, first parent first.
    public let parents: [CommitID]

    /// The first 7 digits of the id.
    public var shortID: String { id.short }
    /// When the author made the change.
    public var time: Date { author.time }
}
