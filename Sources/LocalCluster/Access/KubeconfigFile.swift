import Foundation

/// The kubeconfig that points `kubectl` at the local cluster; cluster, user and context are all
/// named `mooring-local`.
enum KubeconfigFile {
    static let name = "mooring-local"

    static func write(to path: String, serverURL: String, token: String) throws {
        let text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: \(name)
          cluster:
            server: \(serverURL)
        users:
        - name: \(name)
          user:
            token: \(token)
        contexts:
        - name: \(name)
          context:
            cluster: \(name)
            user: \(name)
        current-context: \(name)
        preferences: {}

        """
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
    }
}
