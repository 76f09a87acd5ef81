import Dispatch
import Foundation
internal import Manifests

/// A git repository on disk, read and written through libgit2 without a work tree.
///
/// libgit2 objects must not be used from two threads at once, and its calls block (disk,
/// network). So every operation runs on a serial dispatch queue owned by the repository's folder:
/// calls from any task are serialised, and none of them blocks Swift's cooperative thread pool.
public final class GitRepository: Sendable {
    /// The repository's folder (the `.git` folder or bare repository).
    public let path: String
    let handle: RepositoryHandle
    private let queue: DispatchQueue

    init(handle: RepositoryHandle, path: String) {
        self.handle = handle
        self.path = path
        self.queue = RepositoryQueues.queue(for: path)
    }

    /// Opens an existing repository (bare or with a work tree) at `path`.
    public convenience init(openingAt path: String) throws {
        try self.init(handle: RepositoryHandle.open(path: path), path: path)
    }

    /// Runs `body` on the repository's queue.
    func perform<T: Sendable>(_ body: @escaping @Sendable (RepositoryHandle) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [handle] in
                continuation.resume(with: Result { try body(handle) })
            }
        }
    }

    // MARK: Reading

    /// The commit a branch, tag (annotated too), full reference, commit id or unique id prefix
    /// names; `nil` means the default branch.
    public func resolve(_ revision: String?) async throws -> CommitID {
        try await perform { try $0.resolve(revision) }
    }

    /// The short name of the default branch (HEAD's target; the remote's HEAD for a mirror).
    public func defaultBranch() async throws -> String {
        try await perform { handle in
            let reference = try handle.defaultBranchReference()
            return reference.hasPrefix("refs/heads/") ? String(reference.dropFirst("refs/heads/".count)) : reference
        }
    }

    /// A commit's metadata.
    public func commit(_ id: CommitID) async throws -> Commit {
        try await perform { try $0.commitInfo(id) }
    }

    /// Every file under `path` (repository-relative; `""` for all) at `revision`, recursively,
    /// straight from the object database. A missing path is a ``GitError`` of kind `.notFound`.
    public func files(under path: String, at revision: CommitID) async throws -> [TreeFile] {
        let path = try RepositoryPath(inTree: path)
        return try await perform { try $0.files(under: path, at: revision) }
    }

    /// The id of the tree at `path` in `revision` (a blob id if `path` is a file), or `nil`
    /// when the path does not exist there. Equal ids mean identical contents.
    public func treeID(of path: String, at revision: CommitID) async throws -> TreeID? {
        let path = try RepositoryPath(inTree: path)
        return try await perform { try $0.objectID(of: path, at: revision) }
    }

    /// The commits after `older` (exclusive; `nil` for the whole history) up to `newer`
    /// (inclusive) that changed `path` (`nil`: every commit), first parents only, newest first.
    public func log(touching path: String?, from older: CommitID?, to newer: CommitID) async throws -> [Commit] {
        let path = try path.map { try RepositoryPath(inTree: $0) }
        return try await perform { try $0.log(touching: path, from: older, to: newer) }
    }

    // MARK: Writing (objects and branch references only; there is no work tree)

    /// Commits, on `branch`, the revert of `commit` with git's message
    /// `Revert "<summary>"\n\nThis reverts commit <id>.` and moves the branch to it.
    /// A revert that conflicts with later changes is a ``GitError`` of kind `.conflict`.
    public func revert(_ commit: CommitID, onBranch branch: String, author: GitSignature? = nil) async throws -> CommitID {
        try await perform { try $0.revert(commit, onBranch: branch, author: author) }
    }

    /// Commits, on `branch`, a tree where the folder `path` holds exactly `files` (paths
    /// relative to `path` → bytes), and moves the branch to it. Returns `nil` without committing
    /// when the folder already holds exactly these files.
    public func commit(replacing path: String, with files: [String: Data], onBranch branch: String,
                       message: String, author: GitSignature? = nil) async throws -> CommitID? {
        let path = try RepositoryPath(inTree: path)
        return try await perform { try $0.commit(replacing: path, with: files, onBranch: branch, message: message, author: author) }
    }
}
