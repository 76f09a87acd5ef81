/// Where to find credentials for a remote: the NAMES of environment variables, never the secrets,
/// so a configuration file can be committed and logged safely.
public enum GitCredentials: Hashable, Sendable {
    /// Anonymous access (local paths, `git://`, public http).
    case none
    /// An HTTP(S) access token read from the named variable, sent as the password of `username`.
    case token(variable: String, username: String = "x-access-token")
    /// HTTP(S) basic authentication, both parts read from the named variables.
    case basic(usernameVariable: String, passwordVariable: String)
    /// SSH: a private key file whose path is in `privateKeyVariable` (with an optional passphrase
    /// variable), or the running ssh-agent when `privateKeyVariable` is `nil`. The server's host
    /// key must be listed in the `known_hosts` file named by `knownHostsVariable`, or else in
    /// `~/.ssh/known_hosts`; an unknown or changed host key is refused.
    case ssh(privateKeyVariable: String? = nil, passphraseVariable: String? = nil, knownHostsVariable: String? = nil)
}

/// A remote repository: where it is and how to log in.
public struct GitRemote: Hashable, Sendable, CustomStringConvertible {
    /// Where it is; shown redacted, handed to libgit2 in memory only.
    public let location: RepositoryLocation
    public let credentials: GitCredentials

    public init(location: RepositoryLocation, credentials: GitCredentials = .none) {
        self.location = location
        self.credentials = credentials
    }

    /// A local path, `file://`, `git://`, `http(s)://` or `ssh://` URL.
    public init(url: String, credentials: GitCredentials = .none) {
        self.init(location: RepositoryLocation(url), credentials: credentials)
    }

    /// The location as shown in messages: user-info and secret query values masked.
    public var description: String { location.redacted }
}
