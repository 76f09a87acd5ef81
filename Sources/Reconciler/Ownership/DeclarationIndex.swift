import Manifests
import Synchronization

/// What each environment of a configuration declares at a revision, shared by its reconcilers,
/// so the check that no two environments moored to one cluster declare the same object
/// (`SiblingDeclarations`) stays cheap with many environments. Without it each reconcile
/// renders every sibling: a thousand environments cost a million renderings per pass.
///
/// - An environment's declarations are read once per revision: its own reconcile publishes
///   them, and a sibling asking first renders them while concurrent askers wait for that one
///   rendering.
/// - An environment's verdict is kept with what it was reached from (its own revision and the
///   revision of every ref its siblings follow): an unchanged pass costs a few ref look-ups.
public final class DeclarationIndex: Sendable {
    public typealias Declared = [ObjectIdentity: SourceLocation]

    private struct Known {
        var revision: String
        /// `nil` when the environment cannot be rendered at that revision (its own reconcile says why).
        var declared: Declared?
    }

    private struct State {
        var known: [String: Known] = [:]
        var rendering: [String: Task<Declared?, Never>] = [:]
        var verdicts: [String: (key: String, problems: [String])] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Records what `environment` declares at `revision` (its own rendering, just done).
    func publish(_ environment: String, revision: String, declared: Declared?) {
        state.withLock { $0.known[environment] = Known(revision: revision, declared: declared) }
    }

    /// What `environment` declares at `revision`: known already, being rendered by another
    /// asker, or rendered now by `render`.
    func declared(by environment: String, at revision: String,
                  render: @escaping @Sendable () async -> Declared?) async -> Declared? {
        let slot = "\(environment)@\(revision)"
        let (known, task) = state.withLock { state -> (Known?, Task<Declared?, Never>?) in
            if let known = state.known[environment], known.revision == revision { return (known, nil) }
            if let running = state.rendering[slot] { return (nil, running) }
            let task = Task { await render() }
            state.rendering[slot] = task
            return (nil, task)
        }
        if let known { return known.declared }
        guard let task else { return nil }
        let declared = await task.value
        state.withLock { state in
            state.rendering[slot] = nil
            if state.known[environment]?.revision != revision { state.known[environment] = Known(revision: revision, declared: declared) }
        }
        return declared
    }

    /// The problems found for `environment` the last time, if they were found from `key`.
    func verdict(for environment: String, key: String) -> [String]? {
        state.withLock { state in state.verdicts[environment].flatMap { $0.key == key ? $0.problems : nil } }
    }

    func remember(_ problems: [String], for environment: String, key: String) {
        state.withLock { $0.verdicts[environment] = (key, problems) }
    }
}
