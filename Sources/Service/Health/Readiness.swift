import Synchronization

/// What `/readyz` answers from: the configuration is loaded, the repository was fetched at least
/// once, and the loop has made its first round — every environment looked at once (reconciled,
/// reported failed, or found held by another replica). The run loop updates it as it goes; a
/// failed check names its reason (never a credential: reasons come from redacted errors).
///
/// Target clusters are deliberately not checks. A controller's readiness says the process can
/// take work, not that everything it manages is well: controller-runtime's `healthz.Ping` and
/// fluxcd/pkg `runtime/probes.SetupChecks` (what Flux's controllers register for `/readyz`) pass
/// once the manager serves. Were one hung cluster to make the pod unready, Kubernetes would take
/// it out of the Service's endpoints and webhooks would stop reaching it for the healthy
/// environments too. A cluster that does not answer is reported where it belongs instead: its
/// environments failed in `/api/v1`, in `mooring_environment_sync_status{status="Unknown"}` and
/// in the log.
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
        /// The environments the first round must look at, in configuration order.
        var expected: [String] = []
        var lookedAt: Set<String> = []
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

    /// The environments the first round is made of (at start).
    public func expect(_ environments: [String]) { state.withLock { $0.expected = environments } }

    /// The loop has looked at `environment` once, whatever it found: a failure, a hung cluster
    /// included, counts as much as a success (it is reported, and the other environments work).
    public func lookedAt(_ environment: String) { state.withLock { _ = $0.lookedAt.insert(environment) } }

    /// Every check, in a fixed order, as Kubernetes' `/readyz?verbose` lists its own.
    public var checks: [Check] {
        state.withLock { state in
            let waiting = state.expected.filter { !state.lookedAt.contains($0) }
            return [
                Check(name: "configuration", failure: state.configurationLoaded ? nil : "not loaded"),
                Check(name: "repository", failure: state.fetched ? nil : (state.fetchFailure ?? "not fetched yet")),
                Check(name: "first-round", failure: waiting.isEmpty ? nil : "not looked at yet: \(waiting.joined(separator: ", "))"),
            ]
        }
    }

    public var isReady: Bool { checks.allSatisfy { $0.failure == nil } }
}
