internal import CGit2
import Foundation

/// Owns one libgit2 `git_repository*`. libgit2 objects are not thread-safe per repository, so a
/// handle is only ever used on its ``GitRepository``'s serial queue; that confinement is what
/// makes the `@unchecked Sendable` below true. Nothing here is public: C pointers stay inside.
final class RepositoryHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// How the repository is named in error messages (its remote URL for a mirror).
    let displayName: String

    private init(pointer: OpaquePointer, displayName: String) {
        self.pointer = pointer
        self.displayName = displayName
    }

    deinit { git_repository_free(pointer) }

    /// Opens an existing repository (bare or not) at `path`.
    static func open(path: String, displayName: String? = nil) throws -> RepositoryHandle {
        GitLibrary.initialize()
        var repository: OpaquePointer?
        let code = git_repository_open_ext(&repository, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        try check(code, "cannot open git repository \(path)")
        return RepositoryHandle(pointer: repository!, displayName: displayName ?? path)
    }

    /// Creates an empty bare repository at `path`.
    static func initBare(path: String, displayName: String) throws -> RepositoryHandle {
        GitLibrary.initialize()
        var repository: OpaquePointer?
        try check(git_repository_init(&repository, path, 1), "cannot create a bare repository at \(path)")
        return RepositoryHandle(pointer: repository!, displayName: displayName)
    }

    // MARK: Scoped lookups (each frees what it looked up)

    func withCommit<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, pointer, &oid), "cannot read commit \(id.short) in \(displayName)")
        defer { git_commit_free(commit) }
        return try body(commit!)
    }

    func withTree<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, pointer, &oid), "cannot read tree \(id.short) in \(displayName)")
        defer { git_tree_free(tree) }
        return try body(tree!)
    }

    /// The root tree id of a commit.
    func rootTreeID(of commit: ObjectID) throws -> ObjectID {
        try withCommit(commit) { ObjectID(git_commit_tree_id($0)) }
    }

    /// The first parent of a commit, or `nil` for a root commit.
    func firstParent(of commit: ObjectID) throws -> ObjectID? {
        try withCommit(commit) { pointer in
            guard git_commit_parentcount(pointer) > 0, let parent = git_commit_parent_id(pointer, 0) else { return nil }
            return ObjectID(parent)
        }
    }

    /// The commit a full reference name (e.g. `refs/heads/main`) points to, or `nil` if there is
    /// no such reference (or the name cannot be one, like `refs/heads/main~1`).
    func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, pointer, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { return nil }
        try check(code, "cannot read reference \(name) in \(displayName)")
        return ObjectID(oid)
    }
}
