import Synchronization

/// The environments waiting for an immediate reconcile, and why. A burst of pushes for the
/// same environments while a round runs becomes one more round, not one per push.
final class ReconcileRequests: Sendable {
    private struct Request {
        var reason: String
        /// Whether the repository must be fetched first (a push: yes; drift: no).
        var fetch: Bool
    }

    private let pending = Mutex<[String: Request]>([:])

    /// Adds environments (the first reason of a waiting one stays; a fetch asked for by either
    /// is done); returns whether any was not already waiting.
    @discardableResult
    func add(_ environments: [String], reason: String, fetch: Bool = true) -> Bool {
        pending.withLock { pending in
            var added = false
            for name in environments {
                if pending[name] == nil {
                    pending[name] = Request(reason: reason, fetch: fetch)
                    added = true
                } else if fetch {
                    pending[name]?.fetch = true
                }
            }
            return added
        }
    }

    /// Takes every waiting environment with its reason, and those that need no fetch.
    func take() -> (reasons: [String: String], fetchless: Set<String>) {
        pending.withLock { pending in
            defer { pending = [:] }
            return (pending.mapValues(\.reason), Set(pending.filter { !$0.value.fetch }.keys))
        }
    }

    var isEmpty: Bool { pending.withLock { $0.isEmpty } }
}
