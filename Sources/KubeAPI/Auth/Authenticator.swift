import Foundation

/// Produces the credential each request presents, caching what is costly to get: an exec
/// plugin's output until its expiry, a token file until it changes. After a 401 the caller calls
/// `invalidate` and asks again, so a rotated token or an expired plugin credential is renewed.
actor Authenticator {
    private let source: CredentialSource
    private var tokenFile: TokenFile?
    private var cached: ExecCredential?
    private var running: Task<ExecCredential, Error>?

    init(source: CredentialSource) {
        self.source = source
        if case .tokenFile(let path) = source { tokenFile = TokenFile(path: path) }
    }

    /// Whether a 401 is worth one more try with fresh credentials.
    var canRefresh: Bool {
        switch source {
        case .tokenFile, .exec: return true
        default: return false
        }
    }

    func current() async throws -> AuthMaterial {
        switch source {
        case .none: return .none
        case .bearerToken(let token): return AuthMaterial(authorization: "Bearer \(token)")
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
            return AuthMaterial(authorization: "Basic \(encoded)")
        case .tokenFile:
            return AuthMaterial(authorization: "Bearer \(try tokenFile!.current())")
        case .exec(let config, let cluster):
            let credential = try await execCredential(ExecPluginRunner(config: config, cluster: cluster))
            return AuthMaterial(authorization: credential.token.map { "Bearer \($0)" },
                                clientCertificatePEM: credential.clientCertificatePEM,
                                clientKeyPEM: credential.clientKeyPEM)
        }
    }

    func invalidate() {
        cached = nil
        tokenFile?.forget()
    }

    /// One plugin run at a time; concurrent requests share it.
    private func execCredential(_ runner: ExecPluginRunner) async throws -> ExecCredential {
        if let cached, cached.isValid(at: Date()) { return cached }
        if let running { return try await running.value }
        let task = Task { () throws -> ExecCredential in try await runner.run() }
        running = task
        defer { running = nil }
        let credential = try await task.value
        cached = credential
        return credential
    }
}
