/// The mirrors of one cache folder, shared within the process: two environments configured from
/// the same repository use one mirror, and concurrent first requests clone it only once.
public actor GitMirrorCache {
    public nonisolated let folder: String
    private var mirrors: [GitRemote: Task<GitMirror, any Error>] = [:]

    public init(folder: String) {
        self.folder = folder
    }

    /// The mirror of `remote`, cloned on first use. Call ``GitMirror/fetch()`` to poll it.
    public func mirror(for remote: GitRemote) async throws -> GitMirror {
        if let existing = mirrors[remote] {
            return try await existing.value
        }
        let folder = self.folder
        let task = Task { try await GitMirror.open(remote, cacheFolder: folder) }
        mirrors[remote] = task
        do {
            return try await task.value
        } catch {
            mirrors[remote] = nil  // a failed clone is retried on the next request
            throw error
        }
    }
}
