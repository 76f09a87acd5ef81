/// Which cluster an environment is moored to.
public enum ClusterTarget: Sendable, Equatable, CustomStringConvertible {
    /// The embedded local cluster (`mooring cluster serve`).
    case local
    /// A real cluster reached through a kubeconfig file; `nil` fields mean kubectl's defaults
    /// (`$KUBECONFIG` or `~/.kube/config`, and its current context).
    case kubeconfig(path: String?, context: String?)
    /// The cluster this process runs in, as its pod's service account (`cluster: in-cluster`).
    case inCluster

    public var description: String {
        switch self {
        case .local: return "local"
        case .inCluster: return "in-cluster"
        case let .kubeconfig(path, context):
            return "kubeconfig \(path ?? "(default)") context \(context ?? "(current)")"
        }
    }
}
