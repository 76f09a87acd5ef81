import Synchronization

/// What `/readyz` answers from: the configuration is loaded, the repository was fetched at least
/// once, and every cluster answered its last check. The run loop updates it as it goes; a failed
/// check names its reason (never a credential: reasons come from redacted errors).
public final class Readiness: Sendable {
    /// One named check and its state.
    public struct Check: Sendable, Equatable {
        public var name: String
        /// `nil` when passing, else why not.
        public var failure: String?
    }

    private struct State {
        var configurationLoaded = false
        var fetched = false
        var fetchFailure: String? = "not fetched yet"
        /// Cluster name → failure (nil = reachable), in the order first reported.
        var clusters: [(name: String, failure: String?)] = []
    }

    private let state = Mutex(State())

    public init() {}

    public func configurationLoaded() { state.withLock { $0.configurationLoaded = true } }

    /// A fetch ended; once one succeeded the repository counts as fetched, and a later failure
    /// is shown but does not make the service unready (the last revision still reconciles).
    public func fetched(failure: String?) {
        state.withLock {
            if failure == nil { $0.fetched = true }
            $0.fetchFailure = failure
        }
    }

    public func cluster(_ name: String, failure: String?) {
        state.withLock { state in
            if let index = state.clusters.firstIndex(where: { $0.name == name }) {
                state.clusters[index].failure = failure
            } else {
                state.clusters.append((name, failure))
            }
        }
    }

    /// Every check, in a fixed order, as Kubernetes' `/readyz?verbose` lists its own.
    public var checks: [Check] {
        state.withLock { state in
            var checks = [Check(name: "configuration", failure: state.configurationLoaded ? nil : "not loaded")]
            checks.append(Check(name: "repository", failure: state.fetched ? nil : (state.fetchFailure ?? "not fetched yet")))
            for cluster in state.clusters { checks.append(Check(name: "cluster \(cluster.name)", failure: cluster.failure)) }
            return checks
        }
    }

    public var isReady: Bool { checks.allSatisfy { $0.failure == nil } }
}
