import Foundation
import LocalCluster
import Reconciler

/// Starts the embedded `LocalClusterServer` in this process for environments with `cluster: local`.
/// `MOORING_LOCAL_TIME_SCALE` speeds its simulated controllers up (demos and tests).
struct EmbeddedClusterLauncher: LocalClusterLauncher {
    func start(dataDirectory: String) async throws -> RunningLocalCluster {
        var options = LocalClusterOptions(dataDirectory: dataDirectory)
        if let scale = ProcessInfo.processInfo.environment["MOORING_LOCAL_TIME_SCALE"].flatMap(Double.init), scale > 0 {
            options.timeScale = scale
        }
        let server = try await LocalClusterServer.start(options)
        return RunningLocalCluster(kubeconfigPath: server.kubeconfigPath, stop: { try await server.stop() })
    }
}
