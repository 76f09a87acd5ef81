/// Starts the embedded local cluster in this process. The seam exists because `Reconciler` does
/// not depend on `LocalCluster` (the cluster must stay testable without the reconciler): the
/// `mooring` tool and the tests plug in `LocalClusterServer`.
public protocol LocalClusterLauncher: Sendable {
    /// Starts a cluster keeping its state in `dataDirectory` and writing its kubeconfig there.
    func start(dataDirectory: String) async throws -> RunningLocalCluster
}

/// A local cluster this process started, and how to stop it.
public struct RunningLocalCluster: Sendable {
    public var kubeconfigPath: String
    public var stop: @Sendable () async throws -> Void

    public init(kubeconfigPath: String, stop: @escaping @Sendable () async throws -> Void) {
        self.kubeconfigPath = kubeconfigPath
        self.stop = stop
    }
}
