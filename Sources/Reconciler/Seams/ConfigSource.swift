import Foundation
import Manifests

/// The config repository as the reconcile loop needs it — implemented over GitSource and the
/// Manifests renderer.
public protocol ConfigSource: Sendable {
    /// Brings the local mirror up to date with the remote; an unreachable remote is one
    /// `ReconcileError.source`.
    func fetch() async throws

    /// The commit id a ref (branch, tag or commit) points at; `nil` means the default branch.
    func resolve(_ ref: String?) async throws -> String

    /// The objects of `path` at `revision`, in file order, with rendering warnings. Throws
    /// (naming file and line) when any file cannot be read or parsed: nothing is applied from a
    /// half-rendered revision.
    func render(revision: String, path: String) async throws -> RenderedEnvironment

    /// Like `render`, with every object's `RenderedObject/fieldLines`: a source that keeps
    /// renderings keeps them without (a table of every field's line is most of a rendering's
    /// size, and only an error about a field reads it), so it renders afresh here.
    func renderWithFieldLines(revision: String, path: String) async throws -> RenderedEnvironment

    /// What rollback detection and reports need to know about a commit.
    func describe(revision: String, path: String) async throws -> RevisionFacts

    /// Starts rendering `path` at the revision `ref` points at, for a `render` of it soon after:
    /// a pass calls it before waiting for its Lease and its history, so the two waits overlap.
    /// A source that keeps no renderings ignores it; a failure shows in that `render`.
    func prepareRendering(ref: String?, path: String)
}

extension ConfigSource {
    public func prepareRendering(ref: String?, path: String) {}

    public func renderWithFieldLines(revision: String, path: String) async throws -> RenderedEnvironment {
        try await render(revision: revision, path: path)
    }
}

/// A commit as the loop and its reports see it: who made it and when, its message, and what the
/// environment's rendering reads at it (equal = equal content). Read once per revision by
/// `ConfigSource.describe`; reports build their commit lines from it.
public struct RevisionFacts: Sendable, Equatable {
    public var revision: String
    public var message: String
    /// The id of the tree at the environment's path; for a kustomize overlay that reads other
    /// folders too (`../base`), a key naming every tree it reads. `nil` when the path does not
    /// exist at that revision.
    public var pathTree: String?
    /// The author's name, when known.
    public var author: String?
    /// When the author made the change, when known.
    public var time: Date?

    public init(revision: String, message: String, pathTree: String?, author: String? = nil, time: Date? = nil) {
        self.revision = revision
        self.message = message
        self.pathTree = pathTree
        self.author = author
        self.time = time
    }
}
