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
        let oldRoot = try rootTreeID(of: head)
        // Every folder on the way must be a folder (or missing); the file a regular file (or missing).
        for depth in 1...path.components.count {
            let prefix = try RepositoryPath(path.components.prefix(depth).joined(separator: "/"))
            guard let (_, mode) = try entry(at: prefix, inTree: oldRoot, attempted: attempted) else { break }
            let isLast = depth == path.components.count
            if !isLast, mode != GIT_FILEMODE_TREE {
                throw GitError(.invalidArgument, attempted: attempted, reason: "\(prefix) is a file, not a folder")
            }
            if isLast, mode != GIT_FILEMODE_BLOB, mode != GIT_FILEMODE_BLOB_EXECUTABLE {
                throw GitError(.invalidArgument, attempted: attempted, reason: "\(prefix) is not a regular file")
            }
        }
        let existingMode = try entry(at: path, inTree: oldRoot, attempted: attempted)?.mode ?? GIT_FILEMODE_BLOB
        var blob = git_oid()
        let code = data.withUnsafeBytes { git_blob_create_from_buffer(&blob, pointer, $0.baseAddress, $0.count) }
        try check(code, attempted)
        guard let newRoot = try replace(path.components[...], in: oldRoot, with: ObjectID(blob), mode: existingMode, attempted: attempted),
              newRoot != oldRoot else { return nil }
        return try createCommit(tree: newRoot, parent: head, reference: reference, message: message, author: author, attempted: attempted)
    }
}
