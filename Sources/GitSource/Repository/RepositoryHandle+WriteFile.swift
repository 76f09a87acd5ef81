import CGit2
import Foundation

extension RepositoryHandle {
    /// Creates, on `branch`, a commit whose tree equals the branch head's except that the file at
    /// `path` holds `data` (an existing file keeps its mode; a new one is a regular file, its
    /// folders created). Returns `nil`, making no commit, when the file already holds `data`.
    func commit(updating path: RepositoryPath, with data: Data, onBranch branch: String,
                message: String, author: GitSignature?) throws -> ObjectID? {
        let attempted = "cannot commit \(path) on \(branch) in \(displayName)"
        guard !path.isRoot else { throw GitError(.invalidArgument, attempted: attempted, reason: "the path names no file") }
        let reference = try branchReference(branch, attempted: attempted)
        guard let head = try referenceTarget(reference) else {
            throw GitError(.notFound, attempted: attempted, reason: "there is no branch named \(branch)")
        }
        var blob = git_oid()
        let code = data.withUnsafeBytes { git_blob_create_from_buffer(&blob, pointer, $0.baseAddress, $0.count) }
        try check(code, attempted)
        let oldRoot = try rootTreeID(of: head)
        let newRoot = try replaceFile(path.components[...], in: oldRoot, with: ObjectID(blob), attempted: attempted)
        guard newRoot != oldRoot else { return nil }
        return try createCommit(tree: newRoot, parent: head, reference: reference, message: message, author: author, attempted: attempted)
    }

    /// A copy of `tree` (a new tree when `nil`) with the file at `components` set to `blob`,
    /// each ancestor rewritten. A folder or symlink where the file should be is an error.
    private func replaceFile(_ components: ArraySlice<String>, in tree: ObjectID?, with blob: ObjectID, attempted: String) throws -> ObjectID {
        let name = components.first!
        var builder: OpaquePointer?
        if let tree {
            try withTree(tree) { try check(git_treebuilder_new(&builder, pointer, $0), attempted) }
        } else {
            try check(git_treebuilder_new(&builder, pointer, nil), attempted)
        }
        defer { git_treebuilder_free(builder) }
        let existing = git_treebuilder_get(builder, name)
        let existingMode = existing.map { git_tree_entry_filemode($0) }
        var oid: git_oid
        var mode: git_filemode_t
        if components.count > 1 {
            if let existingMode, existingMode != GIT_FILEMODE_TREE {
                throw GitError(.invalidArgument, attempted: attempted, reason: "\(name) is a file, not a folder")
            }
            oid = try replaceFile(components.dropFirst(), in: existing.map { ObjectID(git_tree_entry_id($0)) }, with: blob,
                                  attempted: attempted).oid
            mode = GIT_FILEMODE_TREE
        } else {
            if let existingMode, existingMode != GIT_FILEMODE_BLOB, existingMode != GIT_FILEMODE_BLOB_EXECUTABLE {
                throw GitError(.invalidArgument, attempted: attempted, reason: "\(name) is not a regular file")
            }
            oid = blob.oid
            mode = existingMode ?? GIT_FILEMODE_BLOB
        }
        try check(git_treebuilder_insert(nil, builder, name, &oid, mode), attempted)
        var result = git_oid()
        try check(git_treebuilder_write(&result, builder), attempted)
        return ObjectID(result)
    }
}
