internal import CGit2
internal import Manifests

extension RepositoryHandle {
    /// A commit's metadata.
    func commitInfo(_ id: ObjectID) throws -> Commit {
        try withCommit(id) { commit in
            let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
            let summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
            let parents = (0..<git_commit_parentcount(commit)).compactMap { index in
                git_commit_parent_id(commit, index).map { ObjectID($0) }
            }
            return Commit(
                id: id,
                author: GitSignature(git_commit_author(commit)),
                committer: GitSignature(git_commit_committer(commit)),
                message: message,
                summary: summary,
                parents: parents
            )
        }
    }

    /// The commits after `older` up to and including `newer` that changed `path` (all commits
    /// when `path` is `nil`), following first parents only, newest first. `older == nil` walks
    /// to the root.
    func log(touching path: RepositoryPath?, from older: ObjectID?, to newer: ObjectID) throws -> [Commit] {
        let attempted = "cannot list commits \(older.map { $0.short + ".." } ?? "")\(newer.short) in \(displayName)"
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, pointer), attempted)
        defer { git_revwalk_free(walk) }
        try check(git_revwalk_simplify_first_parent(walk), attempted)
        var start = newer.oid
        try check(git_revwalk_push(walk, &start), attempted)
        if let older {
            var stop = older.oid
            try check(git_revwalk_hide(walk, &stop), attempted)
        }
        var result: [Commit] = []
        var next = git_oid()
        while true {
            let code = git_revwalk_next(&next, walk)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, attempted)
            let id = ObjectID(next)
            if let path, !(try touches(id, path: path)) { continue }
            result.append(try commitInfo(id))
        }
        return result
    }

    /// Whether `commit` changed what is at `path` compared with its first parent.
    func touches(_ commit: ObjectID, path: RepositoryPath) throws -> Bool {
        let now = try objectID(of: path, at: commit)
        let before = try firstParent(of: commit).flatMap { try objectID(of: path, at: $0) }
        return now != before
    }
}
