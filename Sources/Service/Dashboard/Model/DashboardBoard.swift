import Foundation
import Manifests
import Reconciler
import Reports
import Synchronization

/// The dashboard's memory: one snapshot per environment, in configuration order, updated as the
/// reconcile loop starts and finishes rounds, and the events those changes make, published to
/// the `/events` streams.
public final class DashboardBoard: Sendable {
    public let events: EventHub
    private let order: [String]
    private let configurations: [String: EnvironmentConfiguration]
    private let state: Mutex<[String: EnvironmentSnapshot]>

    public init(environments: [EnvironmentConfiguration], events: EventHub = EventHub()) {
        self.events = events
        order = environments.map(\.name)
        configurations = Dictionary(environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        state = Mutex(Dictionary(uniqueKeysWithValues: environments.map { ($0.name, EnvironmentSnapshot(environment: $0)) }))
    }

    public var names: [String] { order }

    public func configuration(_ name: String) -> EnvironmentConfiguration? { configurations[name] }

    /// Every environment, in configuration order.
    public func snapshots() -> [EnvironmentSnapshot] {
        state.withLock { state in order.compactMap { state[$0] } }
    }

    public func snapshot(_ name: String) -> EnvironmentSnapshot? {
        state.withLock { $0[name] }
    }

    /// Reconciles of `environments` began (`reason`: poll, webhook, dashboard, …).
    public func started(_ environments: [String], reason: String) {
        let known = state.withLock { state in
            environments.filter { name in
                guard state[name] != nil else { return false }
                state[name]?.reconciling = true
                return true
            }
        }
        for name in known { events.publish(DashboardEvent(.reconcileStarted, environment: name, ["reason": .string(reason)])) }
    }

    /// A reconcile finished: the snapshot takes it in, and what changed is published.
    /// - Parameter history: the environment's history as read after it, when it could be read.
    public func finished(_ result: EnvironmentResult, history: History?, commits: [String: CommitInfo] = [:], at time: Date = Date()) {
        guard let (before, after) = state.withLock({ state -> (EnvironmentSnapshot, EnvironmentSnapshot)? in
            guard var snapshot = state[result.environment] else { return nil }
            let before = snapshot
            snapshot.record(result, history: history, commits: commits, at: time)
            state[result.environment] = snapshot
            return (before, snapshot)
        }) else { return }
        for event in Self.events(from: before, to: after) { events.publish(event) }
    }

    /// A reconcile announced by `started` did not run after all (an action refused before it).
    public func failedToStart(_ environment: String) {
        state.withLock { $0[environment]?.reconciling = false }
    }

    /// A reconcile finished: its history read through `reader` (for the timeline and who did
    /// what), then taken in. A history that cannot be read leaves the timeline as it was.
    /// The history is read only when the snapshot needs it (`EnvironmentSnapshot.needsHistory`).
    public func finished(_ result: EnvironmentResult, reading reader: any DashboardReader, at time: Date = Date()) async {
        guard state.withLock({ $0[result.environment]?.needsHistory(after: result, at: time) ?? false }) else {
            finished(result, history: nil, at: time)
            return
        }
        let read = try? await reader.history(of: result.environment)
        finished(result, history: read?.0, commits: read?.1 ?? [:], at: time)
    }

    /// Leaves a line on the environment's page: what the last dashboard action did.
    public func note(_ environment: String, _ text: String) {
        state.withLock { $0[environment]?.actionNote = text }
    }

    /// What a change of snapshot is worth telling: always that the reconcile finished; that
    /// health changed; that drift was found (or grew).
    static func events(from before: EnvironmentSnapshot, to after: EnvironmentSnapshot) -> [DashboardEvent] {
        var finished: JSONObject = ["sync": .string(after.sync.rawValue), "health": .string(after.shownHealth.rawValue),
                                    "drift": .int(Int64(after.driftCount))]
        if let commit = after.commit { finished["revision"] = .string(commit.id) }
        if let error = after.error { finished["error"] = .string(error) }
        var events = [DashboardEvent(.reconcileFinished, environment: after.name, finished)]
        if before.health != after.health, let health = after.health {
            events.append(DashboardEvent(.healthChanged, environment: after.name, [
                "from": before.health.map { .string($0.rawValue) } ?? .null, "to": .string(health.rawValue),
            ]))
        }
        if after.driftCount > 0, after.driftCount != before.driftCount || before.sync != .outOfSync {
            events.append(DashboardEvent(.driftFound, environment: after.name, ["objects": .int(Int64(after.driftCount))]))
        }
        return events
    }
}
