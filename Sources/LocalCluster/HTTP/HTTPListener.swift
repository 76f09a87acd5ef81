import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Answers one complete request; the listener knows nothing of Kubernetes.
protocol HTTPResponder: Sendable {
    func respond(to request: APIRequest) async -> APIResponse
}

/// Accepts HTTP/1.1 connections on one address (keep-alive, pipelining, chunked streams) and
/// hands each complete request to a responder, one request at a time per connection.
final class HTTPListener: Sendable {
    let port: Int
    private let serverChannel: Channel
    /// The connections being served; `nil` once `stop` began, so a connection accepted in that
    /// instant is closed on arrival instead of holding a watch open (and `stop` with it) until
    /// the watch's own timeout, five minutes later.
    private let openConnections = Mutex<[ObjectIdentifier: Channel]?>([:])
    private let acceptLoop = Mutex<Task<Void, Never>?>(nil)

    private init(port: Int, serverChannel: Channel) {
        self.port = port
        self.serverChannel = serverChannel
    }

    static func start(host: String, port: Int, group: EventLoopGroup, responder: HTTPResponder) async throws -> HTTPListener {
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let listener = HTTPListener(port: server.channel.localAddress?.port ?? port, serverChannel: server.channel)
        let task = Task<Void, Never> {
            _ = try? await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { await listener.serve(connection, responder: responder) }
                    }
                }
            }
        }
        listener.acceptLoop.withLock { $0 = task }
        return listener
    }

    /// Stops accepting, closes every open connection (ending their watches) and waits.
    func stop() async {
        try? await serverChannel.close()
        let channels = openConnections.withLock { open -> [Channel] in
            defer { open = nil }
            return open.map { Array($0.values) } ?? []
        }
        for channel in channels { try? await channel.close() }
        let task = acceptLoop.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
                       responder: HTTPResponder) async {
        let id = ObjectIdentifier(connection.channel)
        let admitted = openConnections.withLock { open -> Bool in
            guard open != nil else { return false }
            open?[id] = connection.channel
            return true
        }
        guard admitted else {
            try? await connection.channel.close()
            return
        }
        defer { _ = openConnections.withLock { $0?.removeValue(forKey: id) } }
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let newHead):
                    head = newHead
                    body = []
                case .body(let buffer):
                    body.append(contentsOf: buffer.readableBytesView)
                case .end:
                    guard let requestHead = head else { continue }
                    let response = await responder.respond(to: APIRequest(head: requestHead, body: body))
                    let keepOpen = try await Self.write(response, for: requestHead, to: outbound, channel: connection.channel)
                    if !keepOpen || !requestHead.isKeepAlive { return }
                }
            }
        }
    }

    /// Writes a response; returns whether the connection may carry another request.
    private static func write(_ response: APIResponse, for request: HTTPRequestHead,
                              to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
                              channel: Channel) async throws -> Bool {
        switch response {
        case .complete(let status, var headers, let body):
            headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
            if request.method != .HEAD, !body.isEmpty {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
            }
            try await outbound.write(.end(nil))
            return true
        case .stream(let status, var headers, let chunks):
            headers.remove(name: "Content-Length")
            headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
            // The stream is written by its own task, cancelled when the client goes away, so an
            // abandoned watch ends at once rather than at its next event.
            let writer = Task<Bool, Error> {
                for await chunk in chunks {
                    // An empty chunk is the fault injector's signal to cut the stream abruptly.
                    if chunk.isEmpty { return false }
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
                }
                return !Task.isCancelled
            }
            channel.closeFuture.whenComplete { _ in writer.cancel() }
            guard try await writer.value else { return false }
            try await outbound.write(.end(nil))
            return true
        case .dropped(let status, var headers, let body, let sentBytes):
            headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
            let partial = body.prefix(max(0, min(sentBytes, body.count - 1)))
            if !partial.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: partial)))) }
            return false
        }
    }
}
