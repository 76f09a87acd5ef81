internal import CGit2
import Foundation

extension RepositoryHandle {
    /// The name of the remote a mirror fetches from and pushes to, as `git clone --mirror` names it.
    static let mirrorRemoteName = "origin"
    /// Every reference fetched to the same name, as `git clone --mirror` sets it up.
    static let mirrorFetchSpec = "+refs/*:refs/*"

    /// Makes this (empty, bare) repository a mirror of `remote`: remote `origin` fetching every
    /// reference to the same name (`+refs/*:refs/*`), flagged `remote.origin.mirror` like git does.
    /// The config records the location without its secrets; fetches and pushes connect to the
    /// real URL on an in-memory remote only (`openRemote`).
    func configureAsMirror(of remote: GitRemote) throws {
        let attempted = "cannot set up a mirror of \(remote)"
        var created: OpaquePointer?
        try check(git_remote_create_with_fetchspec(&created, pointer, Self.mirrorRemoteName, remote.location.withoutSecrets, Self.mirrorFetchSpec), attempted)
        git_remote_free(created)
        var config: OpaquePointer?
        try check(git_repository_config(&config, pointer), attempted)
        defer { git_config_free(config) }
        try check(git_config_set_bool(config, "remote.\(Self.mirrorRemoteName).mirror", 1), attempted)
    }

    /// Fetches every reference of the mirror's remote (pruning deleted ones) and points HEAD at
    /// the remote's default branch. Only objects the mirror lacks are transferred.
    func fetchMirror(_ remote: GitRemote) throws -> FetchResult {
        let attempted = "cannot fetch \(remote)"
        let session = RemoteSession(remote: remote)
        return try withExtendedLifetime(session) {
            let origin = try openRemote(remote, attempted: attempted)
            defer { git_remote_free(origin) }
            var options = git_fetch_options()
            git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
            options.callbacks = session.callbacks()
            options.prune = GIT_FETCH_PRUNE
            options.update_fetchhead = 0
            let code = git_remote_fetch(origin, nil, &options, "mooring: fetch")
            if code < 0 {
                throw session.error(code: code, attempted: attempted, usualKind: .unreachable)
            }
            let stats = git_remote_stats(origin)!.pointee
            let defaultBranch = try updateHead(from: origin, attempted: attempted)
            return FetchResult(
                receivedObjects: Int(stats.received_objects),
                receivedBytes: Int(stats.received_bytes),
                updatedReferences: session.updatedReferences,
                defaultBranch: defaultBranch
            )
        }
    }

    /// The mirror's remote as an in-memory one: the URL to connect to, fetching every reference to
    /// the same name, and no look-up in the repository's configuration. libgit2 1.5's
    /// `git_remote_lookup` rewrites URLs by `url.*.insteadOf` with a regex over every config entry
    /// and leaks the regex's match data on each entry that does not match (fixed upstream in
    /// libgit2#6382, not in Debian's 1.5): ~90 KiB a look-up here, so a `run` fetching every minute
    /// grew without bound. The URL is the one mooring was given anyway (the config keeps it
    /// without secrets, and `insteadOf` never applied: the instance URL replaced it).
    private func openRemote(_ remote: GitRemote, attempted: String) throws -> OpaquePointer {
        var options = git_remote_create_options()
        git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION))
        options.repository = pointer
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        var created: OpaquePointer?
        let code = Self.mirrorFetchSpec.withCString { fetchSpec in
            options.fetchspec = fetchSpec
            return git_remote_create_with_opts(&created, remote.location.transportURL, &options)
        }
        try check(code, attempted)
        guard let created else { throw GitError.fromLibgit2(code: -1, attempted: attempted) }
        return created
    }

    /// Points HEAD at the branch the remote's HEAD names; returns its short name.
    private func updateHead(from remote: OpaquePointer, attempted: String) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_remote_default_branch(&buffer, remote) == 0, let text = buffer.ptr else {
            return nil  // an empty remote, or one that does not advertise HEAD: keep ours
        }
        let branch = String(cString: text)
        try check(git_repository_set_head(pointer, branch), attempted)
        return branch.hasPrefix("refs/heads/") ? String(branch.dropFirst("refs/heads/".count)) : branch
    }

    /// Pushes local `refs/heads/<branch>` to the same branch of the mirror's remote. Never forces:
    /// a branch that moved on the remote meanwhile is rejected as non-fast-forward.
    func push(branch: String, to remote: GitRemote) throws {
        let reference = branch.hasPrefix("refs/") ? branch : "refs/heads/\(branch)"
        let attempted = "cannot push \(reference) to \(remote)"
        let session = RemoteSession(remote: remote)
        try withExtendedLifetime(session) {
            let origin = try openRemote(remote, attempted: attempted)
            defer { git_remote_free(origin) }
            var options = git_push_options()
            git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
            options.callbacks = session.callbacks()
            let refspec = strdup("\(reference):\(reference)")
            defer { free(refspec) }
            var specs: [UnsafeMutablePointer<CChar>?] = [refspec]
            let code = specs.withUnsafeMutableBufferPointer { buffer in
                var array = git_strarray(strings: buffer.baseAddress, count: 1)
                return git_remote_push(origin, &array, &options)
            }
            if code < 0 {
                let error = session.error(code: code, attempted: attempted)
                guard code == GIT_ENONFASTFORWARD.rawValue else { throw error }
                throw GitError(.pushRejected, attempted: attempted,
                               reason: "\(error.reason) (the remote branch has moved on; fetch and retry)")
            }
            if let rejection = session.rejectedReferences.first {
                let said = session.remoteWords.map { " (remote: \($0))" } ?? ""
                throw GitError(.pushRejected, attempted: attempted, reason: "the remote rejected it: \(rejection.reason)\(said)")
            }
        }
    }
}
