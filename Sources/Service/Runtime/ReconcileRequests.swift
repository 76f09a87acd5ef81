import Synchronization

/// The environments waiting for an immediate reconcile, and why. A burst of pushes for the
/// same environments while a round runs becomes one more round, not one per push.
final class ReconcileRequests: Sendable {
    private let pending = Mutex<[String: String]>([:])

    /// Adds environments; returns whether any was not already waiting.
    @discardableResult
    func add(_ environments: [String], reason: String) -> Bool {
        pending.withLock { pending in
            var added = false
            for name in environments where pending[name] == nil {
                pending[name] = reason
                added = true
            }
            return added
        }
    }

    /// Takes every waiting environment with its reason.
    func take() -> [String: String] {
        pending.withLock { pending in
            defer { pending = [:] }
            return pending
        }
    }

    var isEmpty: Bool { pending.withLock { $0.isEmpty } }
}
