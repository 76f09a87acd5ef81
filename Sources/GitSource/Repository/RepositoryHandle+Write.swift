import CGit2
import Foundation

extension RepositoryHandle {
    /// Creates, on `branch`, a commit that undoes `target` (libgit2's revert merged into an
    /// in-memory index; no work tree), with git's message. Moves the branch; returns the new id.
    func revert(_ target: ObjectID, onBranch branch: String, author: GitSignature?) throws -> ObjectID {
        let attempted = "cannot revert \(target.short) on \(branch) in \(displayName)"
        let reference = try branchReference(branch, attempted: attempted)
        guard let head = try referenceTarget(reference) else {
            throw GitError(.notFound, attempted: attempted, reason: "there is no branch named \(branch)")
        }
        let reverted = try commitInfo(target)
        let treeID: ObjectID = try withCommit(target) { revertCommit in
            try withCommit(head) { ourCommit in
                var index: OpaquePointer?
                let mainline: UInt32 = git_commit_parentcount(revertCommit) > 1 ? 1 : 0
                try check(git_revert_commit(&index, pointer, revertCommit, ourCommit, mainline, nil), attempted)
                defer { git_index_free(index) }
                if git_index_has_conflicts(index) != 0 {
                    let paths = conflictingPaths(index!)
                    throw GitError(.conflict, attempted: attempted,
                                   reason: "later commits changed the same lines; conflicts in \(paths.joined(separator: ", "))")
                }
                var tree = git_oid()
                try check(git_index_write_tree_to(&tree, index, pointer), attempted)
                return ObjectID(tree)
            }
        }
        guard try treeID != rootTreeID(of: head) else {
            throw GitError(.nothingToCommit, attempted: attempted, reason: "its changes are already undone on \(branch)")
        }
        let message = RevertMessage.make(revertedSummary: reverted.summary, revertedID: target)
        return try createCommit(tree: treeID, parent: head, reference: reference, message: message, author: author, attempted: attempted)
    }

    /// Creates, on `branch`, a commit whose tree equals the branch head's except that the folder
    /// at `path` holds exactly `files` (paths relative to `path`; empty removes the folder).
    /// Returns `nil`, making no commit, when the folder already holds exactly these files.
    func commit(replacing path: RepositoryPath, with files: [String: Data], onBranch branch: String,
                message: String, author: GitSignature?) throws -> ObjectID? {
        let attempted = "cannot commit \(path) on \(branch) in \(displayName)"
        let reference = try branchReference(branch, attempted: attempted)
        guard let head = try referenceTarget(reference) else {
            throw GitError(.notFound, attempted: attempted, reason: "there is no branch named \(branch)")
        }
        let contents = try FolderContents.arrange(files)
        let folder = contents.isEmpty ? nil : try writeFolder(contents, attempted: attempted)
        let oldRoot = try rootTreeID(of: head)
        let newRoot: ObjectID
        if path.isRoot {
            newRoot = try folder ?? writeFolder([:], attempted: attempted)
        } else {
            newRoot = try replace(path.components[...], in: oldRoot, with: folder, attempted: attempted)
                ?? writeFolder([:], attempted: attempted)
        }
        guard newRoot != oldRoot else { return nil }
        return try createCommit(tree: newRoot, parent: head, reference: reference, message: message, author: author, attempted: attempted)
    }

    // MARK: Building blocks

    func branchReference(_ branch: String, attempted: String) throws -> String {
        let name = branch.hasPrefix("refs/") ? branch : "refs/heads/\(branch)"
        var valid: Int32 = 0
        try check(git_reference_name_is_valid(&valid, name), attempted)
        guard valid != 0 else { throw GitError(.invalidArgument, attempted: attempted, reason: "'\(branch)' is not a valid branch name") }
        return name
    }

    /// Writes `contents` as a tree (blobs and subtrees first) and returns its id.
    private func writeFolder(_ contents: [String: FolderContents], attempted: String) throws -> ObjectID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, nil), attempted)
        defer { git_treebuilder_free(builder) }
        for (name, item) in contents {
            var oid: git_oid
            let mode: git_filemode_t
            switch item {
            case .file(let data):
                oid = git_oid()
                let code = data.withUnsafeBytes { git_blob_create_from_buffer(&oid, pointer, $0.baseAddress, $0.count) }
                try check(code, attempted)
                mode = GIT_FILEMODE_BLOB
            case .folder(let children):
                oid = try writeFolder(children, attempted: attempted).oid
                mode = GIT_FILEMODE_TREE
            }
            try check(git_treebuilder_insert(nil, builder, name, &oid, mode), attempted)
        }
        var tree = git_oid()
        try check(git_treebuilder_write(&tree, builder), attempted)
        return ObjectID(tree)
    }

    /// Returns a copy of `tree` with the entry at `components` set to `replacement` (a folder, or
    /// with `mode` a file; removed when `nil`), rewriting each ancestor. `nil` means the result
    /// is empty, since git does not keep empty folders.
    func replace(_ components: ArraySlice<String>, in tree: ObjectID?, with replacement: ObjectID?,
                 mode: git_filemode_t = GIT_FILEMODE_TREE, attempted: String) throws -> ObjectID? {
        let name = components.first!
        var builder: OpaquePointer?
        if let tree {
            try withTree(tree) { try check(git_treebuilder_new(&builder, pointer, $0), attempted) }
        } else {
            try check(git_treebuilder_new(&builder, pointer, nil), attempted)
        }
        defer { git_treebuilder_free(builder) }

        var newChild = replacement
        if components.count > 1 {
            var existingSubtree: ObjectID?
            if let entry = git_treebuilder_get(builder, name), git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE {
                existingSubtree = ObjectID(git_tree_entry_id(entry))
            }
            newChild = try replace(components.dropFirst(), in: existingSubtree, with: replacement, mode: mode, attempted: attempted)
        }
        if var oid = newChild?.oid {
            try check(git_treebuilder_insert(nil, builder, name, &oid, components.count > 1 ? GIT_FILEMODE_TREE : mode), attempted)
        } else if git_treebuilder_get(builder, name) != nil {
            try check(git_treebuilder_remove(builder, name), attempted)
        }
        guard git_treebuilder_entrycount(builder) > 0 else { return nil }
        var result = git_oid()
        try check(git_treebuilder_write(&result, builder), attempted)
        return ObjectID(result)
    }

    /// Writes a commit with one parent and moves `reference` to it (only if it still points at
    /// `parent`, so a concurrent move is an error rather than lost work).
    func createCommit(tree: ObjectID, parent: ObjectID, reference: String, message: String,
                              author: GitSignature?, attempted: String) throws -> ObjectID {
        let signature = try makeSignature(author, attempted: attempted)
        defer { git_signature_free(signature) }
        return try withTree(tree) { treePointer in
            try withCommit(parent) { parentPointer in
                var parents: [OpaquePointer?] = [parentPointer]
                var id = git_oid()
                let code = git_commit_create(&id, pointer, reference, signature, signature, nil, message, treePointer, 1, &parents)
                try check(code, attempted)
                return ObjectID(id)
            }
        }
    }

    /// The given author, else git config's `user.name`/`user.email`, else ``GitSignature/mooring``.
    private func makeSignature(_ author: GitSignature?, attempted: String) throws -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        if author == nil, git_signature_default(&signature, pointer) == 0, let signature {
            return signature
        }
        let who = author ?? .mooring
        try check(git_signature_new(&signature, who.name, who.email, git_time_t(who.time.timeIntervalSince1970),
                                    Int32(who.timeZoneOffsetMinutes)), attempted)
        return signature!
    }

    private func conflictingPaths(_ index: OpaquePointer) -> [String] {
        var iterator: OpaquePointer?
        guard git_index_conflict_iterator_new(&iterator, index) == 0 else { return [] }
        defer { git_index_conflict_iterator_free(iterator) }
        var paths: [String] = []
        var ancestor: UnsafePointer<git_index_entry>?
        var ours: UnsafePointer<git_index_entry>?
        var theirs: UnsafePointer<git_index_entry>?
        while git_index_conflict_next(&ancestor, &ours, &theirs, iterator) == 0 {
            if let entry = ours ?? theirs ?? ancestor, let path = entry.pointee.path {
                paths.append(String(cString: path))
            }
        }
        return paths
    }
}
