import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP server on 127.0.0.1 that records every request and answers as the test says: the
/// nearest real thing to Slack, Discord, Teams or a forge's API, which cannot run here. One per
/// test; `stop()` closes it (and any request it keeps hanging).
public final class LoopbackReceiver: Sendable {
    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        /// The path and query, e.g. `/repos/acme/config/statuses/1a2b…`.
        public var path: String
        /// Header names in lower case.
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
        public var receivedAt: ContinuousClock.Instant

        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? { headers.first { $0.name == name.lowercased() }?.value }
        /// The body parsed as JSON (Foundation's parser: a second opinion on what mooring wrote).
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    /// How to answer a request.
    public enum Answer: Sendable {
        case status(Int, headers: [(String, String)] = [], body: String = "")
        /// Never answer (the connection stays open until the client gives up or `stop()`).
        case hang

        public static let ok = Answer.status(200, body: "ok")
    }

    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let serverChannel: Channel
    private let recorded = Mutex<[Request]>([])
    private let connections = Mutex<[ObjectIdentifier: Channel]>([:])
    private let acceptLoop = Mutex<Task<Void, Never>?>(nil)

    /// `http://127.0.0.1:<port>`
    public var url: String { "http://127.0.0.1:\(port)" }

    /// - Parameter answer: the answer to the request with that index (0 for the first).
    public static func start(answer: @escaping @Sendable (Request, Int) -> Answer = { _, _ in .ok }) async throws -> LoopbackReceiver {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        let receiver = LoopbackReceiver(port: server.channel.localAddress?.port ?? 0, group: group, serverChannel: server.channel)
        let task = Task<Void, Never> {
            _ = try? await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { tasks in
                    for try await connection in inbound {
                        tasks.addTask { await receiver.serve(connection, answer: answer) }
                    }
                }
            }
        }
        receiver.acceptLoop.withLock { $0 = task }
        return receiver
    }

    private init(port: Int, group: MultiThreadedEventLoopGroup, serverChannel: Channel) {
        self.port = port
        self.group = group
        self.serverChannel = serverChannel
    }

    /// Every request so far, in the order they arrived.
    public var requests: [Request] { recorded.withLock { $0 } }

    /// Waits (polling) until at least `count` requests arrived; throws after `timeout`.
    @discardableResult
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(60)) async throws -> [Request] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let seen = requests
            if seen.count >= count { return seen }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ReceiverTimeout(expected: count, received: requests.count)
    }

    public func stop() async {
        try? await serverChannel.close()
        for channel in connections.withLock({ Array($0.values) }) { try? await channel.close() }
        let task = acceptLoop.withLock { $0 }
        task?.cancel()
        await task?.value
        try? await group.shutdownGracefully()
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
                       answer: @Sendable (Request, Int) -> Answer) async {
        let id = ObjectIdentifier(connection.channel)
        connections.withLock { $0[id] = connection.channel }
        defer { _ = connections.withLock { $0.removeValue(forKey: id) } }
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            var hanging = false
            for try await part in inbound {
                // A hanging connection reads on without a word until the client or `stop()` closes it.
                if hanging { continue }
                switch part {
                case .head(let newHead):
                    head = newHead
                    body = []
                case .body(let buffer):
                    body.append(contentsOf: buffer.readableBytesView)
                case .end:
                    guard let requestHead = head else { continue }
                    let request = Request(method: requestHead.method.rawValue, path: requestHead.uri,
                                          headers: requestHead.headers.map { ($0.name.lowercased(), $0.value) },
                                          body: body, receivedAt: .now)
                    let index = recorded.withLock { list in
                        list.append(request)
                        return list.count - 1
                    }
                    switch answer(request, index) {
                    case .hang:
                        hanging = true
                    case let .status(code, extra, text):
                        var headers = HTTPHeaders(extra)
                        headers.replaceOrAdd(name: "Content-Length", value: String(text.utf8.count))
                        try await outbound.write(.head(HTTPResponseHead(version: requestHead.version, status: .init(statusCode: code), headers: headers)))
                        if !text.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text)))) }
                        try await outbound.write(.end(nil))
                        if !requestHead.isKeepAlive { return }
                    }
                }
            }
        }
    }
}

public struct ReceiverTimeout: Error, CustomStringConvertible {
    public var expected: Int
    public var received: Int
    public var description: String { "expected \(expected) request(s) at the receiver, got \(received)" }
}
