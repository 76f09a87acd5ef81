import Foundation

/// Why a mirror on disk cannot be used: what opening or reading it afresh said.
struct MirrorDamage: Error {
    var reason: String
}

extension GitMirror {
    /// The mirror as a fresh handle reads it from disk, `nil` when it is usable. A handle kept
    /// open since the start may still answer from packs it has open after their files were
    /// deleted, so only a fresh look tells what the next process (or the next fetch) will find.
    static func damage(of folder: String, remote: GitRemote) -> MirrorDamage? {
        do {
            let handle = try RepositoryHandle.open(path: folder, displayName: remote.description)
            try check(handle)
            return nil
        } catch {
            return MirrorDamage(reason: "\(error)")
        }
    }

    /// Clones the mirror again in place of a damaged one, under its ``MirrorLock``, and reads
    /// from the new clone from now on. Another process may have rebuilt it meanwhile: then it
    /// is only reopened and fetched.
    func rebuild(_ damage: MirrorDamage) async throws -> FetchResult {
        let lock = try MirrorLock(mirror: folder)
        var said: String?
        if let still = Self.damage(of: folder, remote: remote) {
            try? FileManager.default.removeItem(atPath: folder)
            try await Self.clone(remote, into: folder, cacheFolder: URL(fileURLWithPath: folder).deletingLastPathComponent().path)
            said = "the mirror cache \(folder) was unreadable (\(still.reason)); cloned it again"
        }
        let handle = try RepositoryHandle.open(path: folder, displayName: remote.description)
        let reopened = GitRepository(handle: handle, path: folder)
        current.withLock { $0 = reopened }
        _ = consume lock
        if said == nil { return try await fetch() }
        // A fresh clone is fully fetched: nothing moved since, as far as this process knows.
        let branch = try? await reopened.defaultBranch()
        var result = FetchResult(receivedObjects: 0, receivedBytes: 0, updatedReferences: [], defaultBranch: branch)
        result.rebuilt = said
        return result
    }
}
