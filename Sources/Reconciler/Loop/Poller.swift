import Foundation

/// The result of one environment in one pass: what it did, or the one-line reason it could not.
public struct EnvironmentResult: Sendable {
    public var environment: String
    public var outcome: Result<ReconcileOutcome, ReconcileError>
    /// How long the pass took (fetch not included), when it was timed.
    public var duration: Duration?

    public init(environment: String, outcome: Result<ReconcileOutcome, ReconcileError>, duration: Duration? = nil) {
        self.environment = environment
        self.outcome = outcome
        self.duration = duration
    }

    /// Synced and Healthy.
    public var isSyncedAndHealthy: Bool {
        if case .success(let outcome) = outcome { return outcome.isSyncedAndHealthy }
        return false
    }
}

/// `mooring run`: every environment on its own schedule — every `interval` (with jitter) fetch
/// the repository (one fetch serves every environment due about then) and reconcile it — so a
/// slow or hung cluster never delays another environment's apply. Each pass has the
/// environment's deadline (`timeout`); a failing environment never stops the others.
public struct Poller: Sendable {
    public let source: any ConfigSource
    public let reconcilers: [EnvironmentReconciler]
    public var schedule: PollSchedule
    /// Says when the repository is being fetched (the environments say the rest).
    public var progress: SyncProgress

    public init(source: any ConfigSource, reconcilers: [EnvironmentReconciler], schedule: PollSchedule, progress: SyncProgress = .silent) {
        self.source = source
        self.reconcilers = reconcilers
        self.schedule = schedule
        self.progress = progress
    }

    /// One pass over all environments (`run --once`): one fetch, then every environment
    /// concurrently, each under its deadline; results in configuration order.
    public func pass(now: Date = Date()) async -> [EnvironmentResult] {
        do {
            progress.say("fetching the config repository")
            try await source.fetch()
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

    /// One environment's reconcile (the repository already fetched) under its pass deadline,
    /// timed and recorded in the metrics; a failure is its one-line reason.
    public static func reconcile(_ reconciler: EnvironmentReconciler, now: Date = Date()) async -> EnvironmentResult {
        await measured(reconciler) { watched in try await watched.reconcile(now: now) }
    }

    /// One operation on an environment (a poll, or a sync a person asked for) under its pass
    /// deadline, timed and recorded in the metrics; a failure is its one-line reason. `operation`
    /// gets the reconciler whose progress the deadline's message quotes.
    /// Waits for one of the reconciler's `slots` first, when it has them (not timed).
    public static func measured(_ reconciler: EnvironmentReconciler,
                                _ operation: @escaping @Sendable (EnvironmentReconciler) async throws -> ReconcileOutcome) async -> EnvironmentResult {
        guard let slots = reconciler.slots else { return await timed(reconciler, operation) }
        return await slots.run { await timed(reconciler, operation) }
    }

    private static func timed(_ reconciler: EnvironmentReconciler,
                              _ operation: @escaping @Sendable (EnvironmentReconciler) async throws -> ReconcileOutcome) async -> EnvironmentResult {
        let name = reconciler.environment.name
        let started = ContinuousClock.now
        let last = PassDeadline.LastStep()
        var watched = reconciler
        let progress = reconciler.progress
        watched.progress = SyncProgress { line in
            last.note(line)
            progress.say(line)
        }
        var result: EnvironmentResult
        do {
            let outcome = try await PassDeadline(reconciler.environment.passDeadline).run(last: last) { [watched] in
                try await operation(watched)
            }
            result = EnvironmentResult(environment: name, outcome: .success(outcome))
        } catch let error as ReconcileError {
            result = EnvironmentResult(environment: name, outcome: .failure(error))
        } catch {
            result = EnvironmentResult(environment: name, outcome: .failure(.cluster("\(error)")))
        }
        result.duration = ContinuousClock.now - started
        ReconcileMetrics.record(result, duration: result.duration!)
        return result
    }

    /// Polls until `stop` is set (passes in progress finish first), each environment on its own
    /// schedule; `report` receives each environment's result as soon as its pass ends, one at a
    /// time. An error `report` throws ends the polling. An environment `drift` names between its
    /// polls is reconciled at once, without a fetch.
    public func run(until stop: StopSignal, drift: DriftNudges? = nil, report: ([EnvironmentResult]) async throws -> Void) async throws {
        let (results, sink) = AsyncStream<EnvironmentResult>.makeStream()
        let fetch = SharedFetch(source: source, freshness: schedule.interval / 2, progress: progress)
        let reconcilers = self.reconcilers, schedule = self.schedule
        let workers = Task {
            await withTaskGroup(of: Void.self) { group in
                for reconciler in reconcilers {
                    group.addTask {
                        let name = reconciler.environment.name, clock = ContinuousClock()
                        while !stop.isStopped && !Task.isCancelled {
                            _ = drift?.take(name)
                            sink.yield(await Self.pass(of: reconciler, fetch: fetch))
                            let nextPoll = clock.now + schedule.nextDelay(unit: Double.random(in: 0..<1))
                            while !stop.isStopped && !Task.isCancelled && clock.now < nextPoll {
                                guard let drift else { await stop.sleep(for: nextPoll - clock.now); break }
                                await drift.sleep(for: nextPoll - clock.now, stop: stop, environment: name)
                                if drift.take(name) && !stop.isStopped { sink.yield(await Self.reconcile(reconciler)) }
                            }
                        }
                    }
                }
            }
            sink.finish()
        }
        do {
            for await result in results { try await report([result]) }
        } catch {
            workers.cancel()
            await workers.value
            throw error
        }
    }

    /// One environment's pass in the loop: a fresh enough fetch, then its reconcile.
    static func pass(of reconciler: EnvironmentReconciler, fetch: SharedFetch) async -> EnvironmentResult {
        do {
            try await fetch.fetch()
        } catch {
            let failure = error as? ReconcileError ?? .source("fetching the config repository failed: \(error)")
            return EnvironmentResult(environment: reconciler.environment.name, outcome: .failure(failure))
        }
        return await reconcile(reconciler)
    }
}

/// One fetch for the environments due at about the same time: a caller joins a fetch in
/// progress, or uses one that finished less than `freshness` ago. Failures are not reused.
actor SharedFetch {
    let source: any ConfigSource
    let freshness: Duration
    let progress: SyncProgress
    private var inFlight: Task<Void, Error>?
    private var lastSuccess: ContinuousClock.Instant?

    init(source: any ConfigSource, freshness: Duration, progress: SyncProgress = .silent) {
        self.source = source
        self.freshness = freshness
        self.progress = progress
    }

    func fetch() async throws {
        if let inFlight { return try await inFlight.value }
        if let lastSuccess, ContinuousClock.now - lastSuccess < freshness { return }
        let source = self.source
        progress.say("fetching the config repository")
        let task = Task { try await source.fetch() }
        inFlight = task
        defer { inFlight = nil }
        try await task.value
        lastSuccess = .now
    }
}
