import GitSource
import Reports

/// Authors and summaries of the config repository's commits, for reports. A revision the mirror
/// cannot read is reported without them rather than failing the command.
struct CommitCatalog: Sendable {
    let repository: GitRepository

    func info(_ revision: String) async -> CommitInfo? {
        guard let id = try? await repository.resolve(revision), let commit = try? await repository.commit(id) else { return nil }
        return CommitInfo(id: commit.id.hex, author: commit.author.name, summary: commit.summary, time: commit.time)
    }

    /// By revision, for each distinct revision that could be read.
    func infos(_ revisions: [String]) async -> [String: CommitInfo] {
        var infos: [String: CommitInfo] = [:]
        for revision in Set(revisions) { infos[revision] = await info(revision) }
        return infos
    }
}
