import Synchronization

/// A `Mutex` in a class, for the little state shared between the curl thread, Swift tasks and
/// the closures they hand each other (a `Mutex` itself cannot be copied into them).
final class Locked<Value>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: sending Value) { mutex = Mutex(value) }

    func withLock<Result>(_ body: (inout sending Value) throws -> sending Result) rethrows -> sending Result {
        try mutex.withLock(body)
    }
}
