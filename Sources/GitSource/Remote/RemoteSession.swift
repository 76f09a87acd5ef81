import CGit2
import Foundation

/// The state behind libgit2's remote callbacks for one fetch or push: it hands out credentials
/// from the environment variables the caller named (never logging them), and records what the
/// remote said (updated references, rejected pushes, progress messages) for the result and for
/// error messages.
final class RemoteSession {
    let remote: GitRemote
    private(set) var updatedReferences: [String] = []
    private(set) var rejectedReferences: [(reference: String, reason: String)] = []
    private(set) var remoteMessages = ""
    /// A failure found by a callback, clearer than what libgit2 reports after it.
    private(set) var failure: GitError?
    private var credentialAttempts = 0

    init(remote: GitRemote) { self.remote = remote }

    /// Callbacks pointing at this session. The session must outlive every libgit2 call using them
    /// (callers wrap the call in `withExtendedLifetime`).
    func callbacks() -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.acquireCredential(out, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowed: allowedTypes)
        }
        callbacks.update_tips = { name, _, _, payload in
            guard let name, let payload else { return 0 }
            Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().updatedReferences.append(String(cString: name))
            return 0
        }
        callbacks.push_update_reference = { name, status, payload in
            guard let name, let status, let payload else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            session.rejectedReferences.append((String(cString: name), String(cString: status)))
            return 0
        }
        callbacks.certificate_check = { certificate, _, host, payload in
            guard let certificate, let payload else { return GIT_PASSTHROUGH.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.checkCertificate(certificate, host: host.map { String(cString: $0) })
        }
        callbacks.sideband_progress = { text, length, payload in
            guard let text, let payload, length > 0 else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
            session.remoteMessages += String(decoding: bytes, as: UTF8.self)
            return 0
        }
        return callbacks
    }

    /// Builds a libgit2 credential from the named environment variables. A second request means
    /// the remote refused the first, so it fails instead of looping.
    private func acquireCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, usernameFromURL: String?, allowed: UInt32) -> Int32 {
        let attempted = "cannot authenticate to \(remote)"
        func fail(_ reason: String) -> Int32 {
            failure = GitError(.authentication, attempted: attempted, reason: reason)
            git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), reason)
            return GIT_EUSER.rawValue
        }
        func variable(_ name: String) -> String? {
            guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
            return value
        }
        func allows(_ type: git_credential_t) -> Bool { allowed & type.rawValue != 0 }

        // SSH first asks for a user name alone when the URL has none; that is not an attempt.
        if allows(GIT_CREDENTIAL_USERNAME), !allows(GIT_CREDENTIAL_SSH_KEY) {
            return git_credential_username_new(out, usernameFromURL ?? "git")
        }
        credentialAttempts += 1
        guard credentialAttempts == 1 else {
            return fail("the remote refused the configured credentials")
        }
        switch remote.credentials {
        case .none:
            // Credentials written into the URL travel here, never in the URL libgit2 is given.
            if let (username, password) = remote.location.userInfoCredentials, allows(GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
                return git_credential_userpass_plaintext_new(out, username, password)
            }
            return fail("the remote requires authentication and no credentials are configured")
        case .token(let tokenVariable, let username):
            guard allows(GIT_CREDENTIAL_USERPASS_PLAINTEXT) else { return fail("the remote does not accept a token") }
            guard let token = variable(tokenVariable) else { return fail("environment variable \(tokenVariable) is not set") }
            return git_credential_userpass_plaintext_new(out, usernameFromURL ?? username, token)
        case .basic(let usernameVariable, let passwordVariable):
            guard allows(GIT_CREDENTIAL_USERPASS_PLAINTEXT) else { return fail("the remote does not accept a user name and password") }
            guard let username = variable(usernameVariable) else { return fail("environment variable \(usernameVariable) is not set") }
            guard let password = variable(passwordVariable) else { return fail("environment variable \(passwordVariable) is not set") }
            return git_credential_userpass_plaintext_new(out, username, password)
        case .ssh(let keyVariable, let passphraseVariable, _):
            guard allows(GIT_CREDENTIAL_SSH_KEY) else { return fail("the remote does not accept an SSH key") }
            let username = usernameFromURL ?? "git"
            guard let keyVariable else { return git_credential_ssh_key_from_agent(out, username) }
            guard let keyPath = variable(keyVariable) else { return fail("environment variable \(keyVariable) is not set") }
            let passphrase = passphraseVariable.flatMap(variable)
            return git_credential_ssh_key_new(out, username, nil, keyPath, passphrase)
        }
    }

    /// TLS certificates are left to libgit2's own verification (`GIT_PASSTHROUGH`). SSH host keys,
    /// which Debian's libgit2 1.5 would accept unchecked, must be in `known_hosts`.
    private func checkCertificate(_ certificate: UnsafeMutablePointer<git_cert>, host: String?) -> Int32 {
        guard certificate.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else { return GIT_PASSTHROUGH.rawValue }
        let address = SSHAddress(url: remote.location.transportURL)
        let name = KnownHosts.name(host: address?.host ?? host ?? "", port: address?.port ?? 22)
        func refuse(_ reason: String) -> Int32 {
            failure = GitError(.authentication, attempted: "cannot trust the SSH server \(name)", reason: reason)
            git_error_set_str(Int32(GIT_ERROR_SSH.rawValue), reason)
            return GIT_ECERTIFICATE.rawValue
        }
        let hostKey = UnsafeMutableRawPointer(certificate).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        guard hostKey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostKey.hostkey else {
            return refuse("libgit2 did not provide the server's host key")
        }
        let key = Data(bytes: raw, count: hostKey.hostkey_len)
        var knownHostsPath = (getenv("HOME").map { String(cString: $0) } ?? "") + "/.ssh/known_hosts"
        if case .ssh(_, _, let variable?) = remote.credentials {
            guard let value = getenv(variable).map({ String(cString: $0) }), !value.isEmpty else {
                return refuse("environment variable \(variable) is not set")
            }
            knownHostsPath = value
        }
        guard let text = try? String(contentsOfFile: knownHostsPath, encoding: .utf8) else {
            return refuse("cannot read known_hosts file \(knownHostsPath)")
        }
        let keyscan = "ssh-keyscan\(address.map { $0.port == 22 ? "" : " -p \($0.port)" } ?? "") \(address?.host ?? name)"
        switch KnownHosts(text).verify(host: address?.host ?? host ?? "", port: address?.port ?? 22, key: key) {
        case .trusted:
            return 0
        case .unknownHost:
            return refuse("the SSH server's host key is not in \(knownHostsPath) (check it, then add it with `\(keyscan) >> \(knownHostsPath)`)")
        case .mismatch:
            return refuse("the SSH server's host key does not match the one in \(knownHostsPath): someone may be intercepting the connection, or the key changed")
        }
    }

    /// The error to report for a failed libgit2 call: a callback's own finding first, then
    /// libgit2's message, with the remote's last words when it sent any.
    /// `usualKind` replaces the generic `.failed` (e.g. `.unreachable` for a failed fetch).
    /// Any secret of the location that libgit2 or the remote quoted back is masked.
    func error(code: Int32, attempted: String, usualKind: GitError.Kind = .failed) -> GitError {
        let location = remote.location
        if let failure { return GitError(failure.kind, attempted: attempted, reason: location.scrub(failure.reason)) }
        var error = GitError.fromLibgit2(code: code, attempted: attempted)
        if error.kind == .failed { error = GitError(usualKind, attempted: attempted, reason: error.reason) }
        if let said = remoteWords, !error.reason.contains(said) {
            error = GitError(error.kind, attempted: attempted, reason: "\(error.reason) (remote: \(said))")
        }
        return GitError(error.kind, attempted: location.scrub(attempted), reason: location.scrub(error.reason))
    }

    /// What the remote printed (hook output, server errors), without its progress meter lines
    /// (`Counting objects: 50% (1/2)`), on one line; `nil` if it said nothing else.
    var remoteWords: String? {
        let progress = ["Enumerating ", "Counting ", "Compressing ", "Writing ", "Receiving ", "Resolving ", "Total "]
        let lines = remoteMessages
            .split(whereSeparator: { $0 == "\r" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { line in !line.isEmpty && !progress.contains(where: { line.hasPrefix($0) }) }
        return lines.isEmpty ? nil : lines.suffix(3).joined(separator: "; ")
    }
}
