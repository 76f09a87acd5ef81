import Foundation
import GitSource
import Manifests

/// Promotion against the config repository: reads both environments from the mirror, plans with
/// ``PromotionPlanner`` (a plain folder) or ``OverlayPromotionPlanner`` (a kustomize overlay),
/// writes the plan as ONE commit on the target's branch that changes only the target's folder
/// (for an overlay, only its kustomization file), and pushes that branch when asked.
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
        if targetExists, try await source.renderMode(revision: targetCommit.hex, path: to.path) == .kustomize {
            var plan = try await planOverlay(from: from, to: to, rule: rule, sourceObjects: sourceObjects,
                                             sourceRevision: sourceCommit.hex, targetRevision: targetCommit)
            plan.targetBranch = branch
            return plan
        }
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
        let committed: CommitID?
        if let file = plan.changedFile, let data = plan.files.values.first {
            committed = try await repository.commit(updating: file, with: data, onBranch: branch, message: plan.commitMessage, author: author)
        } else {
            committed = try await repository.commit(replacing: plan.targetPath, with: plan.files, onBranch: branch,
                                                    message: plan.commitMessage, author: author)
        }
        guard let id = committed else { return nil }
        return try await repository.commit(id)
    }

    /// An overlay target: its `images:` entries set to what the source renders, the target
    /// rendered again with the edit to show (and check) what the promotion does.
    private func planOverlay(from: EnvironmentConfiguration, to: EnvironmentConfiguration, rule: PromotionRule,
                             sourceObjects: [RenderedObject], sourceRevision: String, targetRevision: CommitID) async throws -> PromotionPlan {
        let tree = RevisionTree(repository: source.mirror.repository, revision: targetRevision)
        let current = try await source.renderer.render(to.path, in: tree).objects
        let kustomization = try await source.renderer.kustomization(of: to.path, in: tree)
        let planner = OverlayPromotionPlanner(fromEnvironment: from.name, toEnvironment: to.name, rule: rule)
        let draft = try planner.draft(source: sourceObjects, target: current, kustomization: (kustomization.path, kustomization.text))
        let promoted = draft.entries.isEmpty ? current
            : try await source.renderer.render(to.path, in: tree, kustomizationText: draft.editedText).objects
        let promotedByIdentity = Dictionary(promoted.map { ($0.identity, $0.object) }, uniquingKeysWith: { first, _ in first })
        for want in draft.wanted {
            let now = promotedByIdentity[want.object].flatMap { ContainerImages.of($0).first { $0.container == want.container }?.image }
            guard now == want.image else {
                throw PromotionError(
                    "setting images in \(kustomization.path) cannot make \(to.name)'s \(want.object.kind)/\(want.object.name) "
                    + "container \(want.container) run \(want.image) (it would run \(now ?? "nothing")): a patch or a base's own "
                    + "images entry decides it; promote it by editing that file")
            }
        }
        var changed: [ObjectIdentity] = [], images: [PromotedImage] = []
        for object in current {
            guard let after = promotedByIdentity[object.identity], after != object.object else { continue }
            changed.append(object.identity)
            images += PromotedImage.changes(from: object.object, to: after, object: object.identity)
        }
        let folder = PromotionPlanner.normalized(to.path)
        let relative = try PromotionPlanner.relativePath(kustomization.storedAt, in: folder)
        return PromotionPlan(
            fromEnvironment: from.name, toEnvironment: to.name, sourceRevision: sourceRevision, targetRevision: targetRevision.hex,
            targetBranch: nil, targetPath: folder, currentObjects: current.map(\.object),
            promotedObjects: promoted.map(\.object), changedObjects: changed, addedObjects: [],
            files: changed.isEmpty ? [:] : [relative: Data(draft.editedText.utf8)],
            changedFile: changed.isEmpty ? nil : kustomization.storedAt,
            writtenFiles: changed.isEmpty ? [] : [relative], images: images, mapping: EnvironmentValueMapping(replacements: [:]))
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
