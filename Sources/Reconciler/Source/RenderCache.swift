import Manifests
import Synchronization

/// Renderings already done, by what they read: the environment's folder tree for a plain folder,
/// and for a kustomize overlay the trees of the overlay and everything it references
/// (``KustomizeInputs/fingerprint``). A commit that changes none of those — an unrelated
/// environment, the README — never re-runs kustomize, and `run` re-rendering an unchanged
/// revision every poll costs a lookup.
///
/// A kustomize failure is kept too (it fails the same way on the same inputs); not a timeout or a
/// missing binary, which may pass next time. The least recently stored entry goes first.
final class RenderCache: Sendable {
    private struct State {
        var order: [String] = []
        var values: [String: Result<RenderedEnvironment, KustomizeError>] = [:]
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 32) {
        self.capacity = capacity
    }

    func value(for key: String) -> Result<RenderedEnvironment, KustomizeError>? {
        state.withLock { $0.values[key] }
    }

    func store(_ value: Result<RenderedEnvironment, KustomizeError>, for key: String) {
        state.withLock { state in
            if state.values.updateValue(value, forKey: key) == nil { state.order.append(key) }
            while state.order.count > capacity {
                state.values[state.order.removeFirst()] = nil
            }
        }
    }

    /// How many renderings are kept (for tests and diagnostics).
    var count: Int { state.withLock { $0.values.count } }

    /// Renders through the cache: a stored result is returned (or thrown) as is.
    func rendering(_ key: String, _ render: () async throws -> RenderedEnvironment) async throws -> RenderedEnvironment {
        if let stored = value(for: key) { return try stored.get() }
        do {
            let rendered = try await render()
            store(.success(rendered), for: key)
            return rendered
        } catch let error as KustomizeError {
            if case .buildFailed = error { store(.failure(error), for: key) }
            throw error
        }
    }
}
