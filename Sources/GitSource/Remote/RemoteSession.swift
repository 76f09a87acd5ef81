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
        case .ssh(let keyVariable, let passphraseVariable):
            guard allows(GIT_CREDENTIAL_SSH_KEY) else { return fail("the remote does not accept an SSH key") }
            let username = usernameFromURL ?? "git"
            guard let keyVariable else { return git_credential_ssh_key_from_agent(out, username) }
            guard let keyPath = variable(keyVariable) else { return fail("environment variable \(keyVariable) is not set") }
            let passphrase = passphraseVariable.flatMap(variable)
            return git_credential_ssh_key_new(out, username, nil, keyPath, passphrase)
        }
    }

    /// The error to report for a failed libgit2 call: a callback's own finding first, then
    /// libgit2's message, with the remote's last words when it sent any.
    func error(code: Int32, attempted: String, kind: GitError.Kind? = nil) -> GitError {
        if let failure { return GitError(failure.kind, attempted: attempted, reason: failure.reason) }
        var error = GitError.fromLibgit2(code: code, attempted: attempted, kind: kind)
        let said = remoteMessages.trimmingCharacters(in: .whitespacesAndNewlines)
        if !said.isEmpty, !error.reason.contains(said) {
            error = GitError(error.kind, attempted: attempted, reason: "\(error.reason) (remote: \(said))")
        }
        return error
    }
}
