import Foundation

/// The result of one environment in one pass: what it did, or the one-line reason it could not.
public struct EnvironmentResult: Sendable {
    public var environment: String
    public var outcome: Result<ReconcileOutcome, ReconcileError>

    public init(environment: String, outcome: Result<ReconcileOutcome, ReconcileError>) {
        self.environment = environment
        self.outcome = outcome
    }

    /// Synced and Healthy.
    public var isSyncedAndHealthy: Bool {
        if case .success(let outcome) = outcome { return outcome.isSyncedAndHealthy }
        return false
    }
}

/// `mooring run`: every `interval` (with jitter) fetch the repository once, then reconcile every
/// environment concurrently. A failing environment never stops the others.
public struct Poller: Sendable {
    public let source: any ConfigSource
    public let reconcilers: [EnvironmentReconciler]
    public var schedule: PollSchedule

    public init(source: any ConfigSource, reconcilers: [EnvironmentReconciler], schedule: PollSchedule) {
        self.source = source
        self.reconcilers = reconcilers
        self.schedule = schedule
    }

    /// One pass over all environments (or only those named), in configuration order; `fetch:
    /// false` reconciles at the revisions already fetched (a pass for drift, between polls).
    public func pass(now: Date = Date(), only names: Set<String>? = nil, fetch: Bool = true) async -> [EnvironmentResult] {
        let reconcilers = names.map { names in self.reconcilers.filter { names.contains($0.environment.name) } } ?? self.reconcilers
        do {
            if fetch { try await source.fetch() }
        } catch {
            let failure = error as? ReconcileError ?? .source("fetching the config repository failed: \(error)")
            return reconcilers.map { EnvironmentResult(environment: $0.environment.name, outcome: .failure(failure)) }
        }
        return await withTaskGroup(of: (Int, EnvironmentResult).self) { group in
            for (index, reconciler) in reconcilers.enumerated() {
                group.addTask { (index, await Self.reconcile(reconciler, now: now)) }
            }
            var results: [(Int, EnvironmentResult)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// One environment's reconcile (the repository already fetched), timed and recorded in the
    /// metrics; a failure is its one-line reason.
    public static func reconcile(_ reconciler: EnvironmentReconciler, now: Date = Date()) async -> EnvironmentResult {
        await measured(reconciler.environment.name) { try await reconciler.reconcile(now: now) }
    }

    /// One operation on an environment (a poll, or a sync a person asked for), timed and
    /// recorded in the metrics; a failure is its one-line reason.
    public static func measured(_ name: String, _ operation: () async throws -> ReconcileOutcome) async -> EnvironmentResult {
        let started = ContinuousClock.now
        let result: EnvironmentResult
        do {
            result = EnvironmentResult(environment: name, outcome: .success(try await operation()))
        } catch let error as ReconcileError {
            result = EnvironmentResult(environment: name, outcome: .failure(error))
        } catch {
            result = EnvironmentResult(environment: name, outcome: .failure(.cluster("\(error)")))
        }
        ReconcileMetrics.record(result, duration: ContinuousClock.now - started)
        return result
    }

    /// Polls until `stop` is set (a pass in progress finishes first); `report` receives each
    /// pass's results. An error `report` throws ends the polling. Environments `drift` names
    /// between polls are reconciled at once, without a fetch.
    public func run(until stop: StopSignal, drift: DriftNudges? = nil, report: ([EnvironmentResult]) async throws -> Void) async rethrows {
        let clock = ContinuousClock()
        while !stop.isStopped {
            _ = drift?.take()
            try await report(await pass())
            let nextPoll = clock.now + schedule.nextDelay(unit: Double.random(in: 0..<1))
            while !stop.isStopped && clock.now < nextPoll {
                guard let drift else { await stop.sleep(for: nextPoll - clock.now); break }
                await drift.sleep(for: nextPoll - clock.now, stop: stop)
                let nudged = drift.take()
                if !nudged.isEmpty && !stop.isStopped { try await report(await pass(only: nudged, fetch: false)) }
            }
        }
    }
}
