import Manifests

/// The config repository as the reconcile loop needs it — implemented over GitSource and the
/// Manifests renderer.
public protocol ConfigSource: Sendable {
    /// Brings the local mirror up to date with the remote.
    func fetch() async throws

    /// The commit id a ref (branch, tag or commit) points at; `nil` means the default branch.
    func resolve(_ ref: String?) async throws -> String

    /// The objects of `path` at `revision`, in file order, with rendering warnings. Throws
    /// (naming file and line) when any file cannot be read or parsed: nothing is applied from a
    /// half-rendered revision.
    func render(revision: String, path: String) async throws -> RenderedEnvironment

    /// What rollback detection needs to know about a commit.
    func describe(revision: String, path: String) async throws -> RevisionFacts
}

/// A commit's message and what the environment's rendering reads at it (equal = equal content).
public struct RevisionFacts: Sendable, Equatable {
    public var revision: String
    public var message: String
    /// The id of the tree at the environment's path; for a kustomize overlay that reads other
    /// folders too (`../base`), a key naming every tree it reads. `nil` when the path does not
    /// exist at that revision.
    public var pathTree: String?

    public init(revision: String, message: String, pathTree: String?) {
        self.revision = revision
        self.message = message
        self.pathTree = pathTree
    }
}
