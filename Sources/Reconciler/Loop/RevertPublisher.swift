import GitSource

/// Writes reverts into the config repository, so git stays the truth after a rollback
/// (`mooring rollback`, and auto-rollback with `revertInGit: true`).
public protocol RevertPublisher: Sendable {
    /// Commits the revert of `commit` on `branch` (`nil`: the default branch) and pushes it when
    /// `push` is set; returns the revert commit's id.
    func revert(_ commit: String, onBranch branch: String?, push: Bool) async throws -> String
}

/// `RevertPublisher` over the GitSource mirror of the config repository.
public struct GitRevertPublisher: RevertPublisher {
    public let mirror: GitMirror

    public init(mirror: GitMirror) { self.mirror = mirror }

    public func revert(_ commit: String, onBranch branch: String?, push: Bool) async throws -> String {
        let repository = mirror.repository
        let id = try await repository.resolve(commit)
        let target: String
        if let branch { target = branch } else { target = try await repository.defaultBranch() }
        let revert = try await repository.revert(id, onBranch: target)
        if push { try await mirror.push(branch: target) }
        return revert.hex
    }
}
