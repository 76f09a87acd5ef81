import Foundation
import Synchronization

/// A bare mirror of a remote repository in a cache folder: cloned once, then kept current by
/// incremental fetches (only new objects travel). All reading and writing goes through
/// ``repository``; ``push(branch:)`` publishes commits made there.
public final class GitMirror: Sendable {
    public let remote: GitRemote
    /// The mirror's own folder inside the cache folder.
    public let folder: String
    /// The mirror as last opened; replaced when a fetch finds it damaged and clones it again.
    let current: Mutex<GitRepository>
    /// Set when opening found the mirror unreadable (a corrupt cache) and cloned it anew: why,
    /// in one line, for the caller to report once.
    public let rebuilt: String?

    /// The mirror itself: resolve, read files, log, revert detection, commits. Read it for each
    /// use rather than keeping it: a fetch that rebuilds the mirror replaces it.
    public var repository: GitRepository { current.withLock { $0 } }

    private init(remote: GitRemote, folder: String, repository: GitRepository, rebuilt: String? = nil) {
        self.remote = remote
        self.folder = folder
        self.current = Mutex(repository)
        self.rebuilt = rebuilt
    }

    /// Opens the mirror of `remote` in `cacheFolder`, cloning it first if there is none yet.
    /// A fresh clone is fully fetched; an existing mirror is returned as it is (call ``fetch()``).
    ///
    /// The mirror is a cache: under its ``MirrorLock``, git lock files a crashed process left are
    /// removed, and a mirror that cannot be opened or whose default branch cannot be read is
    /// deleted and cloned again (``rebuilt`` says why).
    public static func open(_ remote: GitRemote, cacheFolder: String) async throws -> GitMirror {
        GitLibrary.initialize()
        let folder = URL(fileURLWithPath: cacheFolder).appendingPathComponent(MirrorFolderName.for(remote.location)).path
        let legacy = URL(fileURLWithPath: cacheFolder).appendingPathComponent(MirrorFolderName.legacy(remote.location)).path
        if FileManager.default.fileExists(atPath: legacy) { try? FileManager.default.removeItem(atPath: legacy) }
        do {
            try PrivateFolder.create(cacheFolder)
        } catch {
            throw GitError(.failed, attempted: "cannot create cache folder \(cacheFolder)", reason: error.localizedDescription)
        }
        let lock = try MirrorLock(mirror: folder)
        var rebuilt: String?
        if FileManager.default.fileExists(atPath: folder) {
            lock.removeStaleGitLocks(in: folder)
            do {
                let handle = try RepositoryHandle.open(path: folder, displayName: remote.description)
                try check(handle)
                return GitMirror(remote: remote, folder: folder, repository: GitRepository(handle: handle, path: folder))
            } catch {
                rebuilt = "the mirror cache \(folder) was unreadable (\(error)); cloned it again"
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        try await clone(remote, into: folder, cacheFolder: cacheFolder)
        let handle = try RepositoryHandle.open(path: folder, displayName: remote.description)
        _ = consume lock
        return GitMirror(remote: remote, folder: folder, repository: GitRepository(handle: handle, path: folder), rebuilt: rebuilt)
    }

    /// A mirror is usable when its default branch resolves to a commit whose tree can be read
    /// (a mirror of an empty repository, with no commits yet, is usable too).
    static func check(_ handle: RepositoryHandle) throws {
        let head: ObjectID
        do {
            head = try handle.resolve(nil)
        } catch let error as GitError where error.kind == .notFound && (try? handle.defaultBranchReference()) != nil {
            return
        }
        _ = try handle.withTree(try handle.rootTreeID(of: head)) { _ in true }
    }

    /// Fetches new commits, branches and tags (deleted ones are pruned) and follows the remote's
    /// default branch. What arrives is made private to the owner. Holds the mirror's
    /// ``MirrorLock`` (so two processes never write it at once) and clears git lock files a
    /// crashed process left.
    ///
    /// The mirror is a cache, also while a process runs for days: each fetch first checks it on
    /// disk, and one found damaged (objects or HEAD deleted or truncated behind this process's
    /// back) is cloned again; ``FetchResult/rebuilt`` then says why, for the caller to report once.
    @discardableResult
    public func fetch() async throws -> FetchResult {
        let remote = self.remote, folder = self.folder
        do {
            return try await repository.perform { handle in
                let lock = try MirrorLock(mirror: folder)
                lock.removeStaleGitLocks(in: folder)
                if let damage = Self.damage(of: folder, remote: remote) { throw damage }
                defer { PrivateFolder.restrict(folder) }
                return try handle.fetchMirror(remote)
            }
        } catch let damage as MirrorDamage {
            return try await rebuild(damage)
        }
    }

    /// Pushes the mirror's `branch` to the remote (fast-forward only). A rejection is a
    /// ``GitError`` of kind `.pushRejected` carrying the remote's reason.
    public func push(branch: String) async throws {
        let remote = self.remote, folder = self.folder
        try await repository.perform { handle in
            let lock = try MirrorLock(mirror: folder)
            lock.removeStaleGitLocks(in: folder)
            defer { PrivateFolder.restrict(folder) }
            try handle.push(branch: branch, to: remote)
        }
    }

    /// Clones into a temporary folder beside the final one and renames it into place, so an
    /// interrupted clone never leaves a half-filled mirror and two processes cannot collide.
    /// The cache folder and everything in it are private to the owner (0700 / 0600).
    static func clone(_ remote: GitRemote, into folder: String, cacheFolder: String) async throws {
        let files = FileManager.default
        do {
            try PrivateFolder.create(cacheFolder)
        } catch {
            throw GitError(.failed, attempted: "cannot create cache folder \(cacheFolder)", reason: error.localizedDescription)
        }
        let temporary = folder + ".partial-\(UUID().uuidString)"
        defer { try? files.removeItem(atPath: temporary) }
        try PrivateFolder.create(temporary)
        let handle = try RepositoryHandle.initBare(path: temporary, displayName: remote.description)
        let repository = GitRepository(handle: handle, path: temporary)
        if remote.location.isLocalPath, !files.fileExists(atPath: remote.location.transportURL) {
            throw GitError(.notFound, attempted: "cannot fetch \(remote)", reason: "no such repository: the path does not exist")
        }
        try await repository.perform { handle in
            defer { PrivateFolder.restrict(temporary) }
            try handle.configureAsMirror(of: remote)
            _ = try handle.fetchMirror(remote)
        }
        if rename(temporary, folder) != 0, !files.fileExists(atPath: folder) {
            throw GitError(.failed, attempted: "cannot move the new mirror into \(folder)", reason: String(cString: strerror(errno)))
        }
    }
}
