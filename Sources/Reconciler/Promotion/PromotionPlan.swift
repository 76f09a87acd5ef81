import Foundation
import Manifests

/// A computed promotion: the target environment's folder as it would be after promoting, and
/// what changes. Made by ``PromotionPlanner``; committed by ``Promoter``.
public struct PromotionPlan: Sendable {
    public var fromEnvironment: String
    public var toEnvironment: String
    /// The commits both environments were read at.
    public var sourceRevision: String
    public var targetRevision: String
    /// The branch the promotion commit goes on (the target's ref), once ``Promoter`` knows it.
    public var targetBranch: String?
    /// The target's folder in the repository, e.g. `environments/master`.
    public var targetPath: String
    /// The target's objects now, in file order.
    public var currentObjects: [JSON]
    /// The target's objects after the promotion: the current ones changed in place, then the new.
    public var promotedObjects: [JSON]
    /// Objects (as the target names them) whose manifest changes.
    public var changedObjects: [ObjectIdentity]
    /// Objects the target gains.
    public var addedObjects: [ObjectIdentity]
    /// The whole folder after the promotion: path relative to ``targetPath`` → bytes. For an
    /// overlay, only its kustomization file (see ``changedFile``).
    public var files: [String: Data]
    /// For a kustomize overlay, the one file the promotion commit changes (its kustomization,
    /// repository path); `nil` for a plain folder, whose folder is rewritten.
    public var changedFile: String? = nil
    /// The files written (changed or new), relative to ``targetPath``, sorted.
    public var writtenFiles: [String]
    public var images: [PromotedImage]
    /// How the source and target environments' own names and namespaces were told apart.
    public var mapping: EnvironmentValueMapping
    /// The source's Secrets not promoted because `--only` does not name them.
    public var leftOutSecrets: [ObjectIdentity] = []

    /// Nothing to promote: the target already holds what the promotion would write.
    public var isEmpty: Bool { changedObjects.isEmpty && addedObjects.isEmpty }

    /// The promotion commit's message: summary, promoted images, objects, source commit.
    public var commitMessage: String {
        var message = "Promote \(fromEnvironment) → \(toEnvironment)\n"
        if !images.isEmpty {
            // Container names alone are ambiguous once several objects change their images.
            let severalObjects = Set(images.map(\.object)).count > 1
            message += "\nImages:\n" + images.map { image in
                severalObjects ? "  \(image.object.kind)/\(image.object.name) \(image)\n" : "  \(image)\n"
            }.joined()
        }
        let objects = changedObjects.map { "  \($0) (changed)\n" } + addedObjects.map { "  \($0) (new)\n" }
        if !objects.isEmpty {
            message += "\nObjects:\n" + objects.joined()
        }
        message += "\nPromoted from \(sourceRevision).\n"
        return message
    }
}
