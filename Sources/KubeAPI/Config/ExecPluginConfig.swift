/// A user's `exec` credential plugin (e.g. `aws eks get-token`, `gke-gcloud-auth-plugin`).
public struct ExecPluginConfig: Sendable, Equatable {
    /// `client.authentication.k8s.io/v1` or `/v1beta1`.
    public var apiVersion: String
    /// The program; a relative path with a `/` was resolved against its kubeconfig's folder.
    public var command: String
    public var args: [String]
    public var env: [(name: String, value: String)]
    /// Whether the plugin is told the cluster (`spec.cluster` in `KUBERNETES_EXEC_INFO`).
    public var provideClusterInfo: Bool
    public var installHint: String?
    /// `Never`, `IfAvailable` or `Always`; Mooring runs without a terminal, so `Always` cannot work.
    public var interactiveMode: String?

    public init(apiVersion: String, command: String, args: [String] = [], env: [(name: String, value: String)] = [],
                provideClusterInfo: Bool = false, installHint: String? = nil, interactiveMode: String? = nil) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.provideClusterInfo = provideClusterInfo
        self.installHint = installHint
        self.interactiveMode = interactiveMode
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.apiVersion == b.apiVersion && a.command == b.command && a.args == b.args
            && a.env.map(\.name) == b.env.map(\.name) && a.env.map(\.value) == b.env.map(\.value)
            && a.provideClusterInfo == b.provideClusterInfo && a.installHint == b.installHint
            && a.interactiveMode == b.interactiveMode
    }
}
