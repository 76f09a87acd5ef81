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
    /// The commit the environment's ref points at now (`nil` when it could not be resolved).
    public var targetRevision: String?
    /// Why `targetRevision` is not what runs, when it is newer than `revision` and could not be
    /// applied: its render or plan error ("environments/develop/bad.yaml:6: …"), or the message
    /// of its Failed history record.
    public var targetFailure: String?
    /// The newest revision whose operation succeeded Healthy: what a rollback would return to.
    public var lastGood: String?
    /// The last operation is a `Running` record that no process works on any more: nobody holds
    /// the environment's Lease (its holder was killed, or stopped renewing for the Lease's
    /// duration). The next `sync` or `run` completes it as Failed (`InterruptedOperation`).
    public var lastOperationAbandoned = false

    public init(environment: String, revision: String?, synced: Bool?, health: HealthStatus, lastOperation: HistoryRecord?,
                targetRevision: String? = nil, targetFailure: String? = nil, lastGood: String? = nil) {
        self.environment = environment
        self.revision = revision
        self.synced = synced
        self.health = health
        self.lastOperation = lastOperation
        self.targetRevision = targetRevision
        self.targetFailure = targetFailure
        self.lastGood = lastGood
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
    /// Compares live against the last applied revision without changing anything, and says why
    /// the ref's newest revision is not applied when it is not: a revision with invalid YAML
    /// leaves the environment OutOfSync with its error, next to the last good revision.
    public func status() async throws -> EnvironmentStatus {
        let past = try await HistoryStore(cluster: cluster).load(environment: environment.name)
        let target = try? await resolve(environment.ref)
        let lastGood = past.records.last { $0.result == .succeeded && $0.health == .healthy }?.revision
        guard let latest = past.latest else {
            return EnvironmentStatus(environment: environment.name, revision: nil, synced: nil, health: .missing, lastOperation: nil,
                                     targetRevision: target, targetFailure: await failure(of: target, history: past))
        }
        let state = try await read(revision: latest.revision)
        let health = EnvironmentHealth(identities: state.identities, live: state.live.byIdentity, checks: environment.healthChecks)
        let failure = target == latest.revision && latest.result != .failed ? nil : await failure(of: target, history: past)
        let matches = state.plan.isEmpty && state.plan.conflicts.isEmpty && state.live.complete
        var status = EnvironmentStatus(environment: environment.name, revision: latest.revision,
                                       synced: matches && (target == nil || target == latest.revision) && failure == nil,
                                       health: health.status, lastOperation: latest,
                                       targetRevision: target, targetFailure: failure, lastGood: lastGood)
        if latest.result == .running { status.lastOperationAbandoned = await nobodyHoldsTheLease() }
        return status
    }

    /// Whether no process holds this environment's Lease now: there is none, it was released,
    /// or it was not renewed within its duration (what a standby waits for before taking it
    /// over). A Lease that cannot be read says nothing either way: `false`.
    private func nobodyHoldsTheLease(now: Date = Date()) async -> Bool {
        let identity = ObjectIdentity(type: .leaseV1, namespace: History.namespace, name: EnvironmentLock.leaseName(environment))
        let lease: JSON?
        do { lease = try await cluster.get(identity) } catch { return false }
        guard let lease else { return true }
        let record = LeaseRecord(lease: lease)
        guard !record.isReleased, let renewed = record.renewTime else { return true }
        return now > renewed.addingTimeInterval(TimeInterval(record.leaseDurationSeconds))
    }

    /// Why `revision` did not (or could not) become what runs: its Failed record's message, or
    /// the error of rendering and planning it; `nil` when it reads cleanly.
    private func failure(of revision: String?, history: History) async -> String? {
        guard let revision else { return nil }
        if let record = history.records.last(where: { $0.revision == revision }), record.result == .failed {
            return record.message
        }
        do {
            _ = try await read(revision: revision)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The environment's history, oldest first.
    public func history() async throws -> History {
        try await HistoryStore(cluster: cluster).load(environment: environment.name)
    }
}
