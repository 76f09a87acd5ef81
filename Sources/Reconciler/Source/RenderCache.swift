import Manifests
import Synchronization

/// Renderings already done, by what they read: the environment's folder tree for a plain folder,
/// and for a kustomize overlay the trees of the overlay and everything it references
/// (``KustomizeInputs/fingerprint``). A commit that changes none of those — an unrelated
/// environment, the README — never re-runs kustomize, and `run` re-rendering an unchanged
/// revision every poll costs a lookup.
///
/// A rendering is kept without its objects' field lines (`RenderedObject/fieldLines`): at
/// 10,000 objects those tables were the largest part of it, and only an error about one field
/// reads them, which renders afresh (`ConfigSource/renderWithFieldLines`). The caller whose
/// rendering fills the cache gets it whole.
///
/// A kustomize failure is kept too (it fails the same way on the same inputs); not a timeout or a
/// missing binary, which may pass next time. The least recently stored entry goes first.
final class RenderCache: Sendable {
    private struct State {
        var order: [String] = []
        var values: [String: Result<RenderedEnvironment, KustomizeError>] = [:]
        /// Renderings under way: a second caller waits for the first instead of rendering again
        /// (a pass renders ahead while it takes the Lease, then asks for the same rendering).
        var inFlight: [String: Task<RenderedEnvironment, any Error>] = [:]
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

    /// Renders through the cache: a stored result is returned (or thrown) as is, a rendering
    /// under way is waited for.
    func rendering(_ key: String, _ render: @escaping @Sendable () async throws -> RenderedEnvironment) async throws -> RenderedEnvironment {
        let task: Task<RenderedEnvironment, any Error> = state.withLock { state in
            if let stored = state.values[key] { return Task { try stored.get() } }
            if let running = state.inFlight[key] { return running }
            let running = Task { try await self.renderAndStore(key, render) }
            state.inFlight[key] = running
            return running
        }
        // A pass given up (its deadline) stops its rendering, e.g. a kustomize still running;
        // another caller that was waiting for that rendering starts its own.
        do {
            return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        } catch is CancellationError where !Task.isCancelled {
            return try await rendering(key, render)
        }
    }

    private func renderAndStore(_ key: String, _ render: () async throws -> RenderedEnvironment) async throws -> RenderedEnvironment {
        defer { state.withLock { _ = $0.inFlight.removeValue(forKey: key) } }
        do {
            let rendered = try await render()
            store(.success(rendered.withoutFieldLines()), for: key)
            return rendered
        } catch let error as KustomizeError {
            if case .buildFailed = error { store(.failure(error), for: key) }
            throw error
        }
    }
}
