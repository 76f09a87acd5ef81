import Foundation
import Manifests

/// Where an environment stands now, for `mooring status`: the revision last applied (from the
/// cluster's history), whether live still matches it, its health, and the last operation.
public struct EnvironmentStatus: Sendable {
    public var environment: String
    /// `nil` when mooring never applied anything to this environment.
    public var revision: String?
    /// `nil` when it could not be compared (nothing applied yet).
    public var synced: Bool?
    public var health: HealthStatus
    public var lastOperation: HistoryRecord?

    public init(environment: String, revision: String?, synced: Bool?, health: HealthStatus, lastOperation: HistoryRecord?) {
        self.environment = environment
        self.revision = revision
        self.synced = synced
        self.health = health
        self.lastOperation = lastOperation
    }

    public var syncStatus: String {
        switch synced {
        case true?: return "Synced"
        case false?: return "OutOfSync"
        case nil: return "Unknown"
        }
    }
}

extension EnvironmentReconciler {
    /// Compares live against the last applied revision without changing anything.
    public func status() async throws -> EnvironmentStatus {
        let past = try await HistoryStore(cluster: cluster).load(environment: environment.name)
        guard let latest = past.latest else {
            return EnvironmentStatus(environment: environment.name, revision: nil, synced: nil, health: .missing, lastOperation: nil)
        }
        let state = try await read(revision: latest.revision)
        let health = EnvironmentHealth(identities: state.identities, live: state.live.byIdentity, checks: environment.healthChecks)
        return EnvironmentStatus(environment: environment.name, revision: latest.revision, synced: state.plan.isEmpty && state.plan.conflicts.isEmpty,
                                 health: health.status, lastOperation: latest)
    }

    /// The environment's history, oldest first.
    public func history() async throws -> History {
        try await HistoryStore(cluster: cluster).load(environment: environment.name)
    }
}
