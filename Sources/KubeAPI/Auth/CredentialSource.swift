import Manifests

/// Where a client's credential comes from. Client certificates given as files or data are part
/// of `TLSSettings`; this is everything that may change while a client runs.
public enum CredentialSource: Sendable, CustomStringConvertible, CustomReflectable {
    case none
    case bearerToken(String)
    /// A file holding the token, re-read when it changes (service-account tokens rotate).
    case tokenFile(path: String)
    case basic(username: String, password: String)
    /// An exec plugin; `cluster` is what `KUBERNETES_EXEC_INFO` tells it when it asks.
    case exec(ExecPluginConfig, cluster: JSON?)

    public var description: String {
        switch self {
        case .none: return "no credentials"
        case .bearerToken: return "bearer token (redacted)"
        case .tokenFile(let path): return "token file \(path)"
        case .basic(let username, _): return "basic auth as \(username) (password redacted)"
        case .exec(let config, _): return "exec plugin \(config.command)"
        }
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
