import Foundation
import Manifests
import Synchronization

/// What every request handler and controller shares: the store, the served resources (which
/// change as CRDs come and go), the options and the fault rules.
final class ClusterContext: Sendable {
    let store: ObjectStore
    let options: LocalClusterOptions
    let token: String
    private let registryState: Mutex<ResourceRegistry>
    let faults: FaultInjector
    /// Service-account tokens from `kubectl create token`, accepted until they expire.
    let issuedTokens = IssuedTokens()

    init(store: ObjectStore, options: LocalClusterOptions, token: String) {
        self.store = store
        self.options = options
        self.token = token
        registryState = Mutex(ResourceRegistry())
        faults = FaultInjector(rules: options.faults)
    }

    var registry: ResourceRegistry { registryState.withLock { $0 } }

    func updateRegistry(_ change: (inout ResourceRegistry) -> Void) {
        registryState.withLock { change(&$0) }
    }

    /// A duration of simulated work, compressed by the time scale.
    func scaled(_ seconds: Double) -> Duration {
        .milliseconds(Int64(max(1, seconds * 1000 / max(options.timeScale, 0.001))))
    }
}
