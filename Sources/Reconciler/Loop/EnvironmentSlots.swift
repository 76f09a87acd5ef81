import Synchronization

/// How many environments reconcile at once in one process, like Flux's `--concurrent` and
/// Argo CD's operation processors: with a thousand environments, starting all of them together
/// held a thousand renderings, diffs and request queues in memory at once and starved the
/// Lease renewals; a bounded number at a time keeps memory flat and each pass as quick. Waiters
/// are served in arrival order, so no environment is starved either.
public final class EnvironmentSlots: Sendable {
    /// The default bound: enough to keep a cluster's request pipeline full while environments
    /// wait for health, few enough that their working state stays small.
    public static let defaultLimit = 64

    public let limit: Int
    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    public init(limit: Int = EnvironmentSlots.defaultLimit) {
        self.limit = max(limit, 1)
        self.state = Mutex(State(free: max(limit, 1)))
    }

    /// Runs `body` once a slot is free, and frees it after.
    public func run<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    /// Reconciles running now (tests, diagnostics).
    public var busy: Int { state.withLock { limit - $0.free } }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if now { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
