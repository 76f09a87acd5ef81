import Foundation

/// A bare mirror of a remote repository in a cache folder: cloned once, then kept current by
/// incremental fetches (only new objects travel). All reading and writing goes through
/// ``repository``; ``push(branch:)`` publishes commits made there.
public final class GitMirror: Sendable {
    public let remote: GitRemote
    /// The mirror's own folder inside the cache folder.
    public let folder: String
    /// The mirror itself: resolve, read files, log, revert detection, commits.
    public let repository: GitRepository

    private init(remote: GitRemote, folder: String, repository: GitRepository) {
        self.remote = remote
        self.folder = folder
        self.repository = repository
    }

    /// Opens the mirror of `remote` in `cacheFolder`, cloning it first if there is none yet.
    /// A fresh clone is fully fetched; an existing mirror is returned as it is (call ``fetch()``).
    public static func open(_ remote: GitRemote, cacheFolder: String) async throws -> GitMirror {
        GitLibrary.initialize()
        let folder = URL(fileURLWithPath: cacheFolder).appendingPathComponent(MirrorFolderName.for(remote.location)).path
        let legacy = URL(fileURLWithPath: cacheFolder).appendingPathComponent(MirrorFolderName.legacy(remote.location)).path
        if FileManager.default.fileExists(atPath: legacy) { try? FileManager.default.removeItem(atPath: legacy) }
        if FileManager.default.fileExists(atPath: folder) {
            let handle = try RepositoryHandle.open(path: folder, displayName: remote.description)
            return GitMirror(remote: remote, folder: folder, repository: GitRepository(handle: handle, path: folder))
        }
        try await clone(remote, into: folder, cacheFolder: cacheFolder)
        return try await open(remote, cacheFolder: cacheFolder)
    }

    /// Fetches new commits, branches and tags (deleted ones are pruned) and follows the remote's
    /// default branch. Never re-clones. What arrives is made private to the owner.
    @discardableResult
    public func fetch() async throws -> FetchResult {
        let remote = self.remote, folder = self.folder
        return try await repository.perform { handle in
            defer { PrivateFolder.restrict(folder) }
            return try handle.fetchMirror(remote)
        }
    }

    /// Pushes the mirror's `branch` to the remote (fast-forward only). A rejection is a
    /// ``GitError`` of kind `.pushRejected` carrying the remote's reason.
    public func push(branch: String) async throws {
        let remote = self.remote, folder = self.folder
        try await repository.perform { handle in
            defer { PrivateFolder.restrict(folder) }
            try handle.push(branch: branch, to: remote)
        }
    }

    /// Clones into a temporary folder beside the final one and renames it into place, so an
    /// interrupted clone never leaves a half-filled mirror and two processes cannot collide.
    /// The cache folder and everything in it are private to the owner (0700 / 0600).
    private static func clone(_ remote: GitRemote, into folder: String, cacheFolder: String) async throws {
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
