/// Single entries and exports: what rendering with an external tool (kustomize) needs to lay a
/// revision's files out on disk without a checkout.
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

    /// Writes the file or folder at `path` of `revision` into `folder` under the same relative
    /// path, straight from the object database (see ``RepositoryHandle/export(_:at:into:)``).
    /// Symlinks are written as symlinks and returned, so the caller can check where they lead.
    public func export(_ path: String, at revision: CommitID, into folder: String) async throws -> [TreeFile] {
        let path = try RepositoryPath(path)
        return try await perform { try $0.export(path, at: revision, into: folder) }
    }
}
