import Reconciler

/// The commits of revisions a report names that no outcome described (a history's records),
/// read through the reconciler's `ConfigSource`. A revision the mirror cannot read (gone after a
/// force-push, or not fetched) is reported without its commit rather than failing the report.
public struct CommitLookup: Sendable {
    public let source: any ConfigSource
    /// The environment's folder (`describe` reads its tree too).
    public let path: String

    public init(source: any ConfigSource, path: String) {
        self.source = source
        self.path = path
    }

    /// By revision, for each distinct revision that could be read.
    public func infos(_ revisions: [String]) async -> [String: CommitInfo] {
        var infos: [String: CommitInfo] = [:]
        for revision in Set(revisions) {
            if let facts = try? await source.describe(revision: revision, path: path) { infos[revision] = CommitInfo(facts) }
        }
        return infos
    }
}
