import Foundation
import Manifests

/// A kubeconfig as kubectl sees it after merging every file of `KUBECONFIG`. Relative paths are
/// already resolved against the file that named them; secrets stay as read until a connection
/// is made. `description` and `dump` never show a credential.
public struct Kubeconfig: Sendable, CustomStringConvertible, CustomReflectable {
    public struct Cluster: Sendable, Equatable {
        public var server: String?
        public var certificateAuthority: String?
        /// Base64 of PEM, as the file has it.
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
        public var proxyURL: String?
    }

    public struct User: Sendable, Equatable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var username: String?
        public var password: String?
        public var exec: ExecPluginConfig?
        /// The deprecated `auth-provider` block: its name, and for `oidc` its `id-token`.
        public var authProviderName: String?
        public var authProviderIDToken: String?
    }

    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?
    /// The files merged, in precedence order.
    public var files: [String] = []

    public init() {}

    public var description: String {
        "Kubeconfig(files: \(files), current-context: \(currentContext ?? "none"), contexts: \(contexts.keys.sorted()))"
    }

    /// Hides credentials from `dump` and debuggers.
    public var customMirror: Mirror {
        Mirror(self, children: ["files": files, "currentContext": currentContext as Any, "contexts": contexts.keys.sorted()])
    }
}

extension Kubeconfig.User: CustomStringConvertible, CustomReflectable {
    public var description: String {
        var kinds: [String] = []
        if token != nil { kinds.append("token") }
        if tokenFile != nil { kinds.append("tokenFile") }
        if clientCertificate != nil || clientCertificateData != nil { kinds.append("client-certificate") }
        if username != nil { kinds.append("basic") }
        if let exec { kinds.append("exec \(exec.command)") }
        return "User(\(kinds.joined(separator: ", ")), credentials redacted)"
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
