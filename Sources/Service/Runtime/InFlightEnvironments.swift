import Synchronization

/// The environments whose reconcile is running in `mooring run --listen`, each in a task of its
/// own, so a slow or hung cluster never holds up the other environments' rounds (issue 11). An
/// environment asked for again while it runs (a webhook) is remembered and run once more after.
final class InFlightEnvironments: Sendable {
    private struct State {
        var tasks: [String: Task<Void, Never>] = [:]
        /// Asked for while running: the reason to run again with.
        var again: [String: String] = [:]
    }

    private let state = Mutex(State())

    func isRunning(_ name: String) -> Bool { state.withLock { $0.tasks[name] != nil } }

    /// Notes that `name`, running now, is wanted again for `reason` once it ends.
    func askAgain(_ name: String, reason: String) {
        state.withLock { state in
            if state.tasks[name] != nil, state.again[name] == nil { state.again[name] = reason }
        }
    }

    /// Runs `work` for `name` in a task of its own; `then` receives the reason it was asked for
    /// again meanwhile, if it was.
    func start(_ name: String, _ work: @escaping @Sendable () async -> Void, then: @escaping @Sendable (String?) -> Void) {
        state.withLock { state in
            state.tasks[name] = Task {
                await work()
                let again = self.state.withLock { state -> String? in
                    state.tasks[name] = nil
                    return state.again.removeValue(forKey: name)
                }
                then(again)
            }
        }
    }

    /// Waits until every running reconcile has ended (graceful shutdown: the applies finish).
    func waitForAll() async {
        while true {
            let running = state.withLock { Array($0.tasks.values) }
            if running.isEmpty { return }
            for task in running { await task.value }
        }
    }
}
