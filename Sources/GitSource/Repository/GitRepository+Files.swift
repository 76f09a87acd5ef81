import Foundation

/// Single files and entries: looking one up, laying a revision's files out on disk without a
/// checkout (what rendering with kustomize needs), and committing a change to one file (what
/// promoting an overlay's images needs).
extension GitRepository {
    /// The entry at `path` (repository-relative; `""` is the root) in `revision`, or `nil` when
    /// there is none. Symlinks are reported, not followed.
    public func entry(at path: String, in revision: CommitID) async throws -> TreeEntry? {
        let path = try RepositoryPath(path)
        return try await perform { try $0.treeEntry(at: path, in: revision) }
    }

    /// Every entry below the folder at `path` in `revision`, recursively (`[]` for a file or a
    /// missing path): names, ids and kinds, without reading files.
    public func entries(under path: String, in revision: CommitID) async throws -> [TreeEntry] {
        let path = try RepositoryPath(path)
        return try await perform { try $0.treeEntries(under: path, in: revision) }
    }

    /// A blob's bytes by id (a file's content, as ``entry(at:in:)`` names it).
    public func blob(_ id: ObjectID) async throws -> [UInt8] {
        try await perform { try $0.blobBytes(id, attempted: "cannot read blob \(id.short) in \($0.displayName)") }
    }

    /// Commits, on `branch`, the file at `path` set to `data` (its mode kept; nothing else of the
    /// tree changes) and moves the branch to it. Returns `nil` without committing when the file
    /// already holds `data`.
    public func commit(updating path: String, with data: Data, onBranch branch: String,
                       message: String, author: GitSignature? = nil) async throws -> CommitID? {
        let path = try RepositoryPath(path)
        return try await perform { try $0.commit(updating: path, with: data, onBranch: branch, message: message, author: author) }
    }

    /// Writes the file or folder at `path` of `revision` into `folder` under the same relative
    /// path, straight from the object database (see ``RepositoryHandle/export(_:at:into:)``).
    /// Symlinks are written as symlinks and returned, so the caller can check where they lead.
    public func export(_ path: String, at revision: CommitID, into folder: String) async throws -> [TreeFile] {
        let path = try RepositoryPath(path)
        return try await perform { try $0.export(path, at: revision, into: folder) }
    }
}
