import Synchronization

/// Runs one environment's pass under its deadline (`timeout`, see
/// ``EnvironmentConfiguration/passDeadline``): past it the pass is cancelled (its requests are
/// abandoned) and the environment is reported failed with what it was last doing, while the
/// other environments carry on.
///
/// ```
/// develop: error: did not finish within 45 s (last: listing the live objects): cluster at http://127.0.0.1:40123 did not answer within 30 s
/// ```
public struct PassDeadline: Sendable {
    public var limit: Duration

    public init(_ limit: Duration) { self.limit = limit }

    /// The last progress line a pass said, for the message when it runs out of time.
    public final class LastStep: Sendable {
        private let line = Mutex<String?>(nil)
        public init() {}
        public func note(_ text: String) { line.withLock { $0 = text } }
        public var current: String? { line.withLock { $0 } }
    }

    /// `work`'s result, or `ReconcileError.deadlineExceeded` once `limit` has passed.
    public func run<T: Sendable>(last: LastStep? = nil, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let limit = self.limit
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
                throw ReconcileError.deadlineExceeded(limit: limit, lastStep: last?.current)
            }
            throw CancellationError()
        }
    }
}
