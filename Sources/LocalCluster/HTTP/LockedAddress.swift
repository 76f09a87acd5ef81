import Synchronization

/// The `host:port` the server listens on, known only after binding (discovery reports it).
final class LockedAddress: Sendable {
    private let state = Mutex("")
    var value: String { state.withLock { $0 } }
    func set(_ address: String) { state.withLock { $0 = address } }
}
