import Foundation
import Synchronization

/// Fans the dashboard's events out to every open `/events` stream. A slow reader keeps only the
/// newest messages (the page refreshes from the server anyway), so no stream can hold the loop back.
public final class EventHub: Sendable {
    /// What one stream receives: an event, or a keep-alive for its connection alone.
    public enum Message: Sendable, Equatable {
        case event(DashboardEvent)
        case keepAlive

        /// The message in the `text/event-stream` format.
        public var text: String {
            switch self {
            case .event(let event): return event.serverSentEvent
            case .keepAlive: return ": keep-alive\n\n"
            }
        }
    }

    private let subscribers = Mutex<[UUID: AsyncStream<Message>.Continuation]>([:])
    /// Per stream, how many unread messages are kept.
    static let buffer = 64

    public init() {}

    /// A new stream of every event published from now on; it ends when `cancel` is called.
    public func subscribe() -> (id: UUID, messages: AsyncStream<Message>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingNewest(Self.buffer))
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in self?.cancel(id) }
        return (id, stream)
    }

    public func cancel(_ id: UUID) {
        let continuation = subscribers.withLock { $0.removeValue(forKey: id) }
        continuation?.finish()
    }

    /// Ends every stream (the server shutting down).
    public func cancelAll() {
        let all = subscribers.withLock { subscribers in
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }
        for continuation in all { continuation.finish() }
    }

    public func publish(_ event: DashboardEvent) {
        let all = subscribers.withLock { Array($0.values) }
        for continuation in all { continuation.yield(.event(event)) }
    }

    func ping(_ id: UUID) {
        _ = subscribers.withLock { $0[id] }?.yield(.keepAlive)
    }

    /// Open streams (tests and logs).
    public var count: Int { subscribers.withLock { $0.count } }
}
