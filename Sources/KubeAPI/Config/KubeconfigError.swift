/// Why a kubeconfig (or in-cluster configuration) could not give a usable connection.
/// Messages name the file, context, cluster or user at fault, never a credential's value.
public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileUnreadable(path: String, reason: String)
    case malformed(path: String, detail: String)
    case noCurrentContext(files: [String])
    case contextNotFound(name: String, files: [String])
    case clusterNotFound(name: String, context: String)
    case userNotFound(name: String, context: String)
    case missingServer(cluster: String)
    case invalidField(field: String, owner: String, detail: String)
    case referencedFileUnreadable(field: String, owner: String, path: String, reason: String)
    case notInCluster(detail: String)

    public var description: String {
        switch self {
        case .fileUnreadable(let path, let reason): return "kubeconfig \(path): cannot read: \(reason)"
        case .malformed(let path, let detail): return "kubeconfig \(path): \(detail)"
        case .noCurrentContext(let files):
            return "no current-context set in kubeconfig \(Self.list(files)); pass a context explicitly"
        case .contextNotFound(let name, let files): return "context \"\(name)\" not found in kubeconfig \(Self.list(files))"
        case .clusterNotFound(let name, let context): return "cluster \"\(name)\" of context \"\(context)\" not found in kubeconfig"
        case .userNotFound(let name, let context): return "user \"\(name)\" of context \"\(context)\" not found in kubeconfig"
        case .missingServer(let cluster): return "cluster \"\(cluster)\" has no server URL in kubeconfig"
        case .invalidField(let field, let owner, let detail): return "\(owner): \(field): \(detail)"
        case .referencedFileUnreadable(let field, let owner, let path, let reason):
            return "\(owner): \(field) \(path): cannot read: \(reason)"
        case .notInCluster(let detail): return "in-cluster configuration: \(detail)"
        }
    }

    private static func list(_ files: [String]) -> String {
        files.isEmpty ? "(none found)" : files.joined(separator: ":")
    }
}
