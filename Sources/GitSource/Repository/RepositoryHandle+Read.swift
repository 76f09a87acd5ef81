internal import CGit2
import Foundation
internal import Manifests

extension RepositoryHandle {
    /// Every file under `path` at `commit`, recursively, read from the object database (no
    /// checkout), in tree order. A path naming a single file yields that file. Submodule
    /// entries are skipped: their content is not in this repository.
    func files(under path: RepositoryPath, at commit: ObjectID) throws -> [TreeFile] {
        let attempted = "cannot read \(path) at \(commit.short) in \(displayName)"
        let root = try rootTreeID(of: commit)
        if path.isRoot {
            return try files(inTree: root, prefix: path)
        }
        guard let entry = try entry(at: path, inTree: root, attempted: attempted) else {
            throw GitError(.notFound, attempted: attempted, reason: "no such file or folder at that revision")
        }
        switch entry.mode {
        case GIT_FILEMODE_TREE:
            return try files(inTree: entry.id, prefix: path)
        case GIT_FILEMODE_COMMIT:
            return []
        default:
            return [try file(path: path.text, id: entry.id, mode: entry.mode)]
        }
    }

    /// The id of the tree (or blob) at `path` in `commit`, or `nil` when the path does not exist.
    /// Equal ids mean equal contents, which is how unchanged environments are recognised cheaply.
    func objectID(of path: RepositoryPath, at commit: ObjectID) throws -> ObjectID? {
        let root = try rootTreeID(of: commit)
        if path.isRoot { return root }
        return try entry(at: path, inTree: root, attempted: "cannot read \(path) at \(commit.short) in \(displayName)")?.id
    }

    /// A tree entry's id and mode, looked up by path.
    func entry(at path: RepositoryPath, inTree tree: ObjectID, attempted: String) throws -> (id: ObjectID, mode: git_filemode_t)? {
        try withTree(tree) { tree in
            var entry: OpaquePointer?
            let code = git_tree_entry_bypath(&entry, tree, path.text)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try check(code, attempted)
            defer { git_tree_entry_free(entry) }
            return (ObjectID(git_tree_entry_id(entry)), git_tree_entry_filemode(entry))
        }
    }

    private func files(inTree treeID: ObjectID, prefix: RepositoryPath) throws -> [TreeFile] {
        // Collect the entries first so the tree is freed before recursing.
        let entries: [(name: String, id: ObjectID, mode: git_filemode_t)] = try withTree(treeID) { tree in
            (0..<git_tree_entrycount(tree)).compactMap { index in
                guard let entry = git_tree_entry_byindex(tree, index) else { return nil }
                return (String(cString: git_tree_entry_name(entry)), ObjectID(git_tree_entry_id(entry)), git_tree_entry_filemode(entry))
            }
        }
        var result: [TreeFile] = []
        for entry in entries {
            let path = prefix.appending(entry.name)
            switch entry.mode {
            case GIT_FILEMODE_TREE:
                result += try files(inTree: entry.id, prefix: RepositoryPath(inTree: path))
            case GIT_FILEMODE_COMMIT:
                continue
            default:
                result.append(try file(path: path, id: entry.id, mode: entry.mode))
            }
        }
        return result
    }

    private func file(path: String, id: ObjectID, mode: git_filemode_t) throws -> TreeFile {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), "cannot read \(path) (blob \(id.short)) in \(displayName)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        let bytes = size == 0 ? Data() : Data(bytes: git_blob_rawcontent(blob), count: size)
        if mode == GIT_FILEMODE_LINK {
            return TreeFile(path: path, content: .symlink(target: String(decoding: bytes, as: UTF8.self)))
        }
        return TreeFile(path: path, content: .blob(bytes), isExecutable: mode == GIT_FILEMODE_BLOB_EXECUTABLE)
    }
}
