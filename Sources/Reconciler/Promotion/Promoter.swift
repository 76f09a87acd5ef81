import Foundation
import GitSource
import Manifests

/// Promotion against the config repository: reads both environments from the mirror, plans with
/// ``PromotionPlanner``, writes the plan as ONE commit on the target's branch that changes only
/// the target's folder, and pushes that branch when asked.
public struct Promoter: Sendable {
    public let source: GitConfigSource

    public init(source: GitConfigSource) {
        self.source = source
    }

    /// Plans promoting `from` (at its ref) into `to` (at the tip of its branch). Call
    /// `source.fetch()` first to promote what the remote holds now.
    public func plan(from: EnvironmentConfiguration, to: EnvironmentConfiguration, rule: PromotionRule) async throws -> PromotionPlan {
        let repository = source.mirror.repository
        let branch = try await targetBranch(of: to)
        let sourceCommit = try await repository.resolve(from.ref)
        let targetCommit = try await repository.resolve("refs/heads/" + branch)

        let sourceObjects = try await source.render(revision: sourceCommit.hex, path: from.path).objects
        let targetExists = try await repository.treeID(of: to.path, at: targetCommit) != nil
        let targetObjects = targetExists ? try await source.render(revision: targetCommit.hex, path: to.path).objects : []
        let targetFiles = targetExists ? try await repository.files(under: to.path, at: targetCommit) : []

        let planner = PromotionPlanner(fromEnvironment: from.name, toEnvironment: to.name, rule: rule)
        var plan = try planner.plan(source: sourceObjects, sourceRevision: sourceCommit.hex, target: targetObjects,
                                    targetFiles: targetFiles, targetPath: to.path, targetRevision: targetCommit.hex)
        plan.targetBranch = branch
        return plan
    }

    /// Commits the plan on its branch in the mirror; `nil` (and no commit) when it is empty.
    public func commit(_ plan: PromotionPlan, author: GitSignature? = nil) async throws -> Commit? {
        guard !plan.isEmpty, let branch = plan.targetBranch else { return nil }
        let repository = source.mirror.repository
        let tip = try await repository.resolve("refs/heads/" + branch)
        guard tip.hex == plan.targetRevision else {
            throw PromotionError("\(branch) moved from \(plan.targetRevision.prefix(7)) to \(tip.short) since the promotion was planned; plan again")
        }
        guard let id = try await repository.commit(replacing: plan.targetPath, with: plan.files, onBranch: branch,
                                                   message: plan.commitMessage, author: author) else { return nil }
        return try await repository.commit(id)
    }

    /// Publishes the target's branch (fast-forward only).
    public func push(_ plan: PromotionPlan) async throws {
        guard let branch = plan.targetBranch else { return }
        try await source.mirror.push(branch: branch)
    }

    /// The branch a promotion writes to: the target's `ref`, or the repository's default branch.
    /// A tag or a commit id cannot take a new commit, so it is an error.
    public func targetBranch(of environment: EnvironmentConfiguration) async throws -> String {
        let repository = source.mirror.repository
        guard var ref = environment.ref else { return try await repository.defaultBranch() }
        if ref.hasPrefix("refs/heads/") { ref.removeFirst("refs/heads/".count) }
        do {
            _ = try await repository.resolve("refs/heads/" + ref)
            return ref
        } catch let error as GitError where error.kind == .notFound || error.kind == .invalidArgument {
            throw PromotionError("cannot promote to \(environment.name): its ref \"\(ref)\" is not a branch of the repository (a promotion is a new commit on a branch)")
        }
    }
}
