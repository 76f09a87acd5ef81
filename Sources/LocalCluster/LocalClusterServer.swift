import Foundation
import Manifests
import NIOCore
import NIOPosix

/// The embedded Kubernetes-API-compatible cluster: serves the REST API on loopback, persists
/// to its data folder, runs simulated controllers and writes a kubeconfig for `kubectl`.
///
/// ```swift
/// let cluster = try await LocalClusterServer.start(LocalClusterOptions(dataDirectory: dir))
/// // KUBECONFIG=cluster.kubeconfigPath kubectl get ns
/// try await cluster.stop()
/// ```
public final class LocalClusterServer: Sendable {
    public let url: String
    public let port: Int
    public let token: String
    public let kubeconfigPath: String
    private let listener: HTTPListener
    private let group: MultiThreadedEventLoopGroup
    /// Internal so tests can look at the store directly.
    let context: ClusterContext
    private let controllers: ControllerManager
    private let lock: DataFolderLock

    private init(url: String, port: Int, token: String, kubeconfigPath: String, listener: HTTPListener,
                 group: MultiThreadedEventLoopGroup, context: ClusterContext, controllers: ControllerManager, lock: DataFolderLock) {
        self.url = url
        self.port = port
        self.token = token
        self.kubeconfigPath = kubeconfigPath
        self.listener = listener
        self.group = group
        self.context = context
        self.controllers = controllers
        self.lock = lock
    }

    public static func start(_ options: LocalClusterOptions) async throws -> LocalClusterServer {
        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
        let lock = try DataFolderLock(directory: options.dataDirectory)
        let token = try BearerToken.loadOrCreate(in: options.dataDirectory)
        let store = try ObjectStore(directory: options.dataDirectory)
        let context = ClusterContext(store: store, options: options, token: token)
        try await ClusterBootstrap(context: context).seed()
        await store.startWatchHistory()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let serverAddress = LockedAddress()
        let responder = ClusterResponder(context: context, serverAddress: serverAddress)
        let listener: HTTPListener
        do {
            listener = try await HTTPListener.start(host: options.host, port: options.port, group: group, responder: responder)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let hostPart = options.host.contains(":") ? "[\(options.host)]" : options.host
        serverAddress.set("\(hostPart):\(listener.port)")
        let url = "http://\(hostPart):\(listener.port)"
        let kubeconfigPath = options.kubeconfigPath ?? options.dataDirectory + "/kubeconfig"
        try KubeconfigFile.write(to: kubeconfigPath, serverURL: url + TokenPathPrefix.prefix(for: token), token: token)
        let controllers = ControllerManager(context: context)
        await controllers.start()
        return LocalClusterServer(url: url, port: listener.port, token: token, kubeconfigPath: kubeconfigPath,
                                  listener: listener, group: group, context: context, controllers: controllers, lock: lock)
    }

    /// Stops controllers, ends watches, closes connections and releases the event loops.
    public func stop() async throws {
        await controllers.stop()
        await context.store.stopAllWatches()
        await listener.stop()
        try await group.shutdownGracefully()
        lock.release()
    }
}
