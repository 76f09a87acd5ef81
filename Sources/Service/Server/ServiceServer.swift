import Hummingbird
import Logging
import NIOCore
import Reconciler
import ServiceLifecycle
import Synchronization

/// The HTTP server of `mooring run --listen`: Hummingbird on swift-nio, serving the routes of
/// its providers. It is a swift-service-lifecycle `Service`: run it in a `ServiceGroup` beside
/// the reconcile loop, and a graceful shutdown stops it taking connections.
public struct ServiceServer: Service {
    public let address: ListenAddress
    public let providers: [any RouteProvider]
    public let logger: Logger
    /// The port actually bound (differs from `address.port` when that is 0), once serving.
    public let boundPort: BoundPort

    public init(address: ListenAddress, providers: [any RouteProvider], logger: Logger) {
        self.address = address
        self.providers = providers
        self.logger = logger
        self.boundPort = BoundPort()
    }

    public func run() async throws {
        let router = Router(context: ServiceRequestContext.self)
        for provider in providers { provider.addRoutes(to: router) }
        let bound = boundPort
        let logger = logger
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: "mooring"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                bound.set(port)
                logger.info("serving", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
            },
            logger: logger)
        // `run()`, not `runService()`: the caller's service group owns the signals.
        try await application.run()
    }
}

/// The port a server bound, published once it serves (tests and `--listen 127.0.0.1:0`).
public final class BoundPort: Sendable {
    private let state = Mutex<Int?>(nil)

    public init() {}

    public var value: Int? { state.withLock { $0 } }
    func set(_ port: Int) { state.withLock { $0 = port } }

    /// Waits until the server serves; `nil` when it did not within `timeout`.
    public func wait(timeout: Duration = .seconds(30)) async -> Int? {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            if let value { return value }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return value
    }
}
