import Manifests

/// Holds the next sync wave back until the objects of the previous one are Healthy: a later wave
/// may depend on an earlier one running (a migration Job before the app, a CRD's controller
/// before its resources).
public struct WaveGate: Sendable {
    public var environment: String
    /// How long one wave may take to become Healthy (the environment's `healthTimeout`).
    public var timeout: Duration
    /// The users' Lua checks (`health.scripts`).
    public var checks: HealthChecks

    public init(environment: String, timeout: Duration, checks: HealthChecks = .builtIn) {
        self.environment = environment
        self.timeout = timeout
        self.checks = checks
    }

    /// `nil` when the wave became Healthy, else why the sync stops.
    func problem(after wave: Int, applied: [ObjectIdentity], cluster: any ClusterClient, options: SyncOptions,
                 progress: SyncProgress) async -> String? {
        progress.say("waiting for wave \(wave) to become healthy")
        do {
            let (_, decision) = try await HealthMonitor(cluster: cluster, pollInterval: options.healthPollInterval, checks: checks)
                .wait(environment: environment, identities: applied, timeout: timeout, progress: progress)
            if case .failed(let reason) = decision { return "wave \(wave) did not become healthy: \(reason)" }
            return nil
        } catch {
            return "wave \(wave) health could not be assessed: \(error)"
        }
    }
}
