import Foundation

/// The connection of a pod's service account, as client-go's `rest.InClusterConfig` builds it:
/// `KUBERNETES_SERVICE_HOST`/`_PORT`, and the token, CA and namespace the kubelet mounts under
/// `/var/run/secrets/kubernetes.io/serviceaccount`. The token is read from its file on each use
/// and again after a 401, so a rotated (projected, hourly) token is picked up.
///
/// `MOORING_SERVICE_ACCOUNT_DIR` moves the folder, for a pod that mounts its token elsewhere
/// (`automountServiceAccountToken: false` plus a projected volume) and for tests.
public enum InClusterConfiguration {
    public static let defaultRoot = "/var/run/secrets/kubernetes.io/serviceaccount"
    public static let rootVariable = "MOORING_SERVICE_ACCOUNT_DIR"

    /// The folder holding `token`, `ca.crt` and `namespace`.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let root = environment[rootVariable], !root.isEmpty { return root }
        return defaultRoot
    }

    public static func connection(root: String? = nil,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeconfigError)
        -> ClusterConnection
    {
        let root = root ?? Self.root(environment: environment)
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw .notInCluster(detail: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set")
        }
        let tokenPath = root + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw .notInCluster(detail: "service-account token \(tokenPath) is missing or unreadable")
        }
        let ca = try Kubeconfig.material(data: nil, file: root + "/ca.crt", field: "ca.crt", owner: "service account")
        let namespace = (try? String(contentsOfFile: root + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return ClusterConnection(
            server: "https://\(ServerAddress.bracketed(host)):\(port)",
            settings: ConnectionSettings(tls: TLSSettings(certificateAuthorityPEM: ca)),
            credentials: .tokenFile(path: tokenPath),
            namespace: (namespace?.isEmpty ?? true) ? "default" : namespace!)
    }
}
