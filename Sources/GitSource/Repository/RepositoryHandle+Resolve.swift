internal import CGit2

extension RepositoryHandle {
    /// Resolves a branch, tag (lightweight or annotated), full reference, commit id or id prefix,
    /// or a git revision expression (`main~2`) to a commit id. `nil` or empty means the
    /// repository's default branch (the remote's HEAD, for a mirror).
    func resolve(_ revision: String?) throws -> ObjectID {
        guard let revision, !revision.isEmpty else {
            let branch = try defaultBranchReference()
            guard let id = try referenceTarget(branch) else {
                throw GitError(.notFound, attempted: "cannot resolve the default branch of \(displayName)",
                               reason: "\(branch) has no commits")
            }
            return id
        }
        let attempted = "cannot resolve revision '\(revision)' in \(displayName)"
        // Branches win over tags and ids, as a GitOps user names branches most of the time.
        for candidate in ["refs/heads/\(revision)", "refs/tags/\(revision)"] {
            if try referenceTarget(candidate) != nil {
                return try peelToCommit(candidate, attempted: attempted)
            }
        }
        return try peelToCommit(revision, attempted: attempted)
    }

    /// The full name of the branch HEAD points to, e.g. `refs/heads/main`.
    func defaultBranchReference() throws -> String {
        var head: OpaquePointer?
        try check(git_reference_lookup(&head, pointer, "HEAD"), "cannot read HEAD of \(displayName)")
        defer { git_reference_free(head) }
        guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(head) else {
            throw GitError(.notFound, attempted: "cannot find the default branch of \(displayName)",
                           reason: "HEAD is detached, not a branch")
        }
        return String(cString: target)
    }

    /// Parses a revision expression and peels tags down to the commit they name.
    private func peelToCommit(_ spec: String, attempted: String) throws -> ObjectID {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, spec)
        if code == GIT_ENOTFOUND.rawValue {
            throw GitError(.notFound, attempted: attempted, reason: "no branch, tag or commit has that name")
        }
        try check(code, attempted)
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), attempted)
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }
}
