import CGit2
import Foundation

/// Looking up single entries and writing a tree out as files, straight from the object database.
extension RepositoryHandle {
    /// The entry at `path` in `commit`, or `nil` when the path does not exist. Symlinks are not
    /// followed: a path through a symlinked folder does not exist in the tree.
    func treeEntry(at path: RepositoryPath, in commit: ObjectID) throws -> TreeEntry? {
        let root = try rootTreeID(of: commit)
        if path.isRoot { return TreeEntry(path: "", id: root, kind: .folder) }
        let attempted = "cannot read \(path) at \(commit.short) in \(displayName)"
        guard let entry = try entry(at: path, inTree: root, attempted: attempted) else { return nil }
        return TreeEntry(path: path.text, id: entry.id, kind: try kind(of: entry.mode, id: entry.id, attempted: attempted))
    }

    /// Every entry below the folder at `path` (not the folder itself), recursively, in tree
    /// order; `[]` for a file or a missing path. Only symlinks' blobs are read.
    func treeEntries(under path: RepositoryPath, in commit: ObjectID) throws -> [TreeEntry] {
        guard let folder = try treeEntry(at: path, in: commit), folder.kind == .folder else { return [] }
        var result: [TreeEntry] = []
        try collectEntries(of: folder.id, prefix: path.text, into: &result, attempted: "cannot list \(path) at \(commit.short) in \(displayName)")
        return result
    }

    private func collectEntries(of tree: ObjectID, prefix: String, into result: inout [TreeEntry], attempted: String) throws {
        for child in try children(of: tree) {
            let path = prefix.isEmpty ? child.name : prefix + "/" + child.name
            let entry = TreeEntry(path: path, id: child.id, kind: try kind(of: child.mode, id: child.id, attempted: attempted))
            result.append(entry)
            if entry.kind == .folder { try collectEntries(of: entry.id, prefix: path, into: &result, attempted: attempted) }
        }
    }

    /// A tree's entries as name, id and mode, collected before the tree is freed.
    private func children(of tree: ObjectID) throws -> [(name: String, id: ObjectID, mode: git_filemode_t)] {
        try withTree(tree) { tree in
            (0..<git_tree_entrycount(tree)).compactMap { index in
                guard let entry = git_tree_entry_byindex(tree, index) else { return nil }
                return (String(cString: git_tree_entry_name(entry)), ObjectID(git_tree_entry_id(entry)), git_tree_entry_filemode(entry))
            }
        }
    }

    /// Writes the entry at `path` of `commit` below `folder` at the same relative path (parent
    /// folders created with mode 0700): a tree recursively, a file with its executable bit, a
    /// symlink as a symlink (never followed here). Submodules are skipped. Nothing that already
    /// exists is overwritten or followed (`O_EXCL | O_NOFOLLOW`).
    ///
    /// - Returns: the symlinks written, so the caller can decide whether their targets are safe
    ///   before anything reads through them.
    func export(_ path: RepositoryPath, at commit: ObjectID, into folder: String) throws -> [TreeFile] {
        let attempted = "cannot export \(path) at \(commit.short) from \(displayName) into \(folder)"
        guard let entry = try treeEntry(at: path, in: commit) else {
            throw GitError(.notFound, attempted: attempted, reason: "no such file or folder at that revision")
        }
        var parent = folder
        for component in path.components.dropLast() {
            parent += "/" + component
            try makeFolder(parent, attempted: attempted, existingIsFine: true)
        }
        var symlinks: [TreeFile] = []
        try write(entry.id, kind: entry.kind, repositoryPath: path.text, to: path.isRoot ? folder : folder + "/" + path.text,
                  symlinks: &symlinks, attempted: attempted)
        return symlinks
    }

    private func write(_ id: ObjectID, kind: TreeEntry.Kind, repositoryPath: String, to destination: String,
                       symlinks: inout [TreeFile], attempted: String) throws {
        switch kind {
        case .folder:
            try makeFolder(destination, attempted: attempted, existingIsFine: repositoryPath.isEmpty)
            for child in try children(of: id) {
                let childPath = repositoryPath.isEmpty ? child.name : repositoryPath + "/" + child.name
                try write(child.id, kind: try self.kind(of: child.mode, id: child.id, attempted: attempted), repositoryPath: childPath,
                          to: destination + "/" + child.name, symlinks: &symlinks, attempted: attempted)
            }
        case .file(let executable):
            try writeBlob(id, to: destination, mode: executable ? 0o700 : 0o600, attempted: attempted)
        case .symlink(let target):
            guard symlink(target, destination) == 0 else {
                throw GitError(.failed, attempted: attempted, reason: "cannot create symlink \(destination): \(String(cString: strerror(errno)))")
            }
            symlinks.append(TreeFile(path: repositoryPath, content: .symlink(target: target)))
        case .submodule:
            return
        }
    }

    private func kind(of mode: git_filemode_t, id: ObjectID, attempted: String) throws -> TreeEntry.Kind {
        switch mode {
        case GIT_FILEMODE_TREE: return .folder
        case GIT_FILEMODE_COMMIT: return .submodule
        case GIT_FILEMODE_LINK: return .symlink(target: String(decoding: try blobBytes(id, attempted: attempted), as: UTF8.self))
        case GIT_FILEMODE_BLOB_EXECUTABLE: return .file(executable: true)
        default: return .file(executable: false)
        }
    }

    /// A blob's bytes.
    func blobBytes(_ id: ObjectID, attempted: String) throws -> [UInt8] {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), attempted)
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    private func writeBlob(_ id: ObjectID, to destination: String, mode: mode_t, attempted: String) throws {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), attempted)
        defer { git_blob_free(blob) }
        let descriptor = Foundation.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw GitError(.failed, attempted: attempted, reason: "cannot create \(destination): \(String(cString: strerror(errno)))")
        }
        defer { Foundation.close(descriptor) }
        var remaining = Int(git_blob_rawsize(blob))
        guard remaining > 0, var cursor = git_blob_rawcontent(blob) else { return }
        while remaining > 0 {
            let written = Foundation.write(descriptor, cursor, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw GitError(.failed, attempted: attempted, reason: "cannot write \(destination): \(String(cString: strerror(errno)))")
            }
            remaining -= written
            cursor += written
        }
    }

    private func makeFolder(_ path: String, attempted: String, existingIsFine: Bool) throws {
        if mkdir(path, 0o700) == 0 { return }
        let failure = errno
        var status = stat()
        if failure == EEXIST, existingIsFine, lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { return }
        throw GitError(.failed, attempted: attempted, reason: "cannot create folder \(path): \(String(cString: strerror(failure)))")
    }
}
