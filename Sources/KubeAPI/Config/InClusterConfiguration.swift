import Foundation

/// The connection of a pod's service account: `KUBERNETES_SERVICE_HOST`/`_PORT` and the token,
/// CA and namespace the kubelet mounts. The token is read from its file on each use, so a
/// rotated token is picked up. `root` is injectable for tests.
public enum InClusterConfiguration {
    public static let defaultRoot = "/var/run/secrets/kubernetes.io/serviceaccount"

    public static func connection(root: String = defaultRoot,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeconfigError)
        -> ClusterConnection
    {
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
