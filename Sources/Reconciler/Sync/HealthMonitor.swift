import Foundation
import Manifests

/// Assesses an environment's health from the cluster (one LIST per resource type) and waits for
/// it to settle: all Healthy, any Degraded (fail fast), or `healthTimeout` passed.
public struct HealthMonitor: Sendable {
    public let cluster: any ClusterClient
    public var pollInterval: Duration
    /// The users' Lua checks (`health.scripts`).
    public var checks: HealthChecks

    public init(cluster: any ClusterClient, pollInterval: Duration = .seconds(1), checks: HealthChecks = .builtIn) {
        self.cluster = cluster
        self.pollInterval = pollInterval
        self.checks = checks
    }

    /// The health of `identities` as the cluster shows them now.
    public func assess(environment: String, identities: [ObjectIdentity]) async throws -> EnvironmentHealth {
        let selector = Tracking.labelSelector(environment: environment)
        var live: [ObjectIdentity: JSON] = [:]
        var kinds: [GroupKind] = []
        for kind in identities.map(\.groupKind) where !kinds.contains(kind) { kinds.append(kind) }
        for kind in kinds {
            guard let type = try await cluster.servedType(kind) else { continue }
            for object in try await cluster.list(type, labelSelector: selector) {
                if let identity = ObjectIdentity(of: object) { live[identity] = object }
            }
        }
        return EnvironmentHealth(identities: identities, live: live, checks: checks)
    }

    /// Waits until `HealthWait` decides; returns the last assessment and the decision.
    public func wait(environment: String, identities: [ObjectIdentity], timeout: Duration,
                     progress: SyncProgress = .silent) async throws -> (EnvironmentHealth, HealthWait.Decision) {
        let clock = ContinuousClock()
        let start = clock.now
        var reported: String?
        while true {
            let health = try await assess(environment: environment, identities: identities)
            let decision = HealthWait.decide(health, elapsed: clock.now - start, timeout: timeout)
            if decision != .keepWaiting { return (health, decision) }
            let line = "waiting for health: \(health)"
            if line != reported { progress.say(line); reported = line }
            try await Task.sleep(for: pollInterval)
        }
    }
}
