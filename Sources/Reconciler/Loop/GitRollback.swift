import GitSource

/// `mooring rollback`: the GitOps way — revert commits in the config repository (git stays the
/// truth) and let the next sync apply the result.
public struct GitRollback: Sendable {
    public let mirror: GitMirror

    public init(mirror: GitMirror) { self.mirror = mirror }

    /// Reverts, newest first, the commits after `target` that touched `path` on `branch` (`nil`:
    /// the default branch); without `target`, only the newest such commit. Pushes when asked.
    /// Returns the revert commits, in the order made.
    public func revert(path: String, branch: String?, to target: String?, push: Bool) async throws -> [String] {
        let repository = mirror.repository
        let branchName: String
        if let branch { branchName = branch } else { branchName = try await repository.defaultBranch() }
        let head = try await repository.resolve(branchName)
        var older: CommitID?
        if let target { older = try await repository.resolve(target) }
        var commits = try await repository.log(touching: path, from: older, to: head)
        if target == nil { commits = Array(commits.prefix(1)) }
        var reverts: [String] = []
        for commit in commits {
            reverts.append(try await repository.revert(commit.id, onBranch: branchName).hex)
        }
        if push && !reverts.isEmpty { try await mirror.push(branch: branchName) }
        return reverts
    }
}
