/// Everything a client needs to reach one cluster as one user: resolved from a kubeconfig
/// context or the in-cluster service account. Certificates are loaded into memory.
public struct ClusterConnection: Sendable, CustomStringConvertible, CustomReflectable {
    /// Base URL, e.g. `https://10.0.0.1:6443`, without a trailing slash.
    public var server: String
    public var settings: ConnectionSettings
    public var credentials: CredentialSource
    /// The context's namespace, or `default`: where namespaced objects without one go.
    public var namespace: String
    /// The kubeconfig context it came from, if any.
    public var contextName: String?

    public init(server: String, settings: ConnectionSettings = ConnectionSettings(), credentials: CredentialSource = .none,
                namespace: String = "default", contextName: String? = nil) {
        var server = server
        while server.hasSuffix("/") { server.removeLast() }
        self.server = server
        self.settings = settings
        self.credentials = credentials
        self.namespace = namespace
        self.contextName = contextName
    }

    public var description: String {
        "ClusterConnection(\(server), context: \(contextName ?? "none"), namespace: \(namespace), \(credentials))"
    }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
