import GitSource

/// The config repository every environment is rendered from.
public struct RepositoryConfiguration: Sendable, Equatable {
    /// A path, `file://`, `git://`, `http(s)://` or `ssh://` URL. Interpolated into a message it
    /// shows itself redacted (credentials and token parameters as `***`).
    public var url: RepositoryLocation
    /// How often the poller fetches.
    public var interval: Duration
    public var auth: RepositoryAuth

    public static let defaultInterval: Duration = .seconds(60)

    public init(url: RepositoryLocation, interval: Duration = RepositoryConfiguration.defaultInterval, auth: RepositoryAuth = RepositoryAuth()) {
        self.url = url
        self.interval = interval
        self.auth = auth
    }
}

extension RepositoryConfiguration {
    public init(url: String, interval: Duration = RepositoryConfiguration.defaultInterval, auth: RepositoryAuth = RepositoryAuth()) {
        self.init(url: RepositoryLocation(url), interval: interval, auth: auth)
    }
}

/// Names of environment variables holding credentials: the file names them, never contains them,
/// so `mooring.yaml` can be committed.
public struct RepositoryAuth: Sendable, Equatable {
    public var usernameEnv: String?
    public var passwordEnv: String?
    public var tokenEnv: String?
    /// A variable holding the path of an SSH private key.
    public var sshKeyEnv: String?

    public init(usernameEnv: String? = nil, passwordEnv: String? = nil, tokenEnv: String? = nil, sshKeyEnv: String? = nil) {
        self.usernameEnv = usernameEnv
        self.passwordEnv = passwordEnv
        self.tokenEnv = tokenEnv
        self.sshKeyEnv = sshKeyEnv
    }

    public var isEmpty: Bool { usernameEnv == nil && passwordEnv == nil && tokenEnv == nil && sshKeyEnv == nil }
}
