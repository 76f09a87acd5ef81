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
    /// A local path, `file://`, `git://`, `http(s)://` or `ssh://` URL.
    public let url: String
    public let credentials: GitCredentials

    public init(url: String, credentials: GitCredentials = .none) {
        self.url = url
        self.credentials = credentials
    }

    /// The URL as shown in messages. It never contains a secret unless the user wrote one into
    /// the URL itself, in which case the user-info part is masked.
    public var description: String { GitRemote.redacted(url) }

    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<hostEnd].lastIndex(of: "@") else { return url }
        let userInfo = rest[..<at]
        guard userInfo.contains(":") else { return url }
        let user = userInfo.split(separator: ":", maxSplits: 1)[0]
        return String(url[..<schemeEnd.upperBound]) + user + ":***" + String(rest[at...])
    }
}
