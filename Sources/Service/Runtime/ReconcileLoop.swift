import Foundation
import Logging
import Manifests
import Reconciler
import ServiceLifecycle
import Synchronization

/// `mooring run --listen`'s loop as a swift-service-lifecycle `Service`: every poll interval
/// (with jitter) and whenever a webhook asks, fetch the repository once and reconcile the
/// environments due, concurrently, those this replica holds. Requests that arrive during a
/// round are coalesced into the next one.
///
/// On graceful shutdown (SIGTERM) it takes no new round; the round in progress, and so the
/// apply in progress, finishes; then it releases its claims and returns.
public final class ReconcileLoop: Service, ReconcileTrigger {
    public let source: any ConfigSource
    public let reconcilers: [EnvironmentReconciler]
    public let schedule: PollSchedule
    public let claims: any EnvironmentClaims
    public let readiness: Readiness
    public let logger: Logger
    /// Receives each round's results (the CLI prints its report from them).
    public let report: @Sendable ([EnvironmentResult]) async -> Void
    /// Told which environments a round is about to reconcile, and why (the dashboard's "reconciling").
    public let roundStarted: @Sendable ([String], [String: String]) -> Void

    /// Rounds and `exclusive` work take turns.
    let gate = RoundGate()
    private let requests = ReconcileRequests()
    private let wakeup = Wakeup()
    /// Environments whose reconcile still runs (a round starts each in a task of its own).
    let inFlight = InFlightEnvironments()
    /// Running environments asked for again by a request that needs a fetch (not drift alone).
    private let againWithFetch = Mutex<Set<String>>([])
    private let stop = StopSignal()

    public init(source: any ConfigSource, reconcilers: [EnvironmentReconciler], schedule: PollSchedule,
                claims: any EnvironmentClaims = SoleReplica(), readiness: Readiness, logger: Logger,
                report: @escaping @Sendable ([EnvironmentResult]) async -> Void = { _ in },
                roundStarted: @escaping @Sendable ([String], [String: String]) -> Void = { _, _ in }) {
        self.roundStarted = roundStarted
        self.source = source
        self.reconcilers = reconcilers
        self.schedule = schedule
        self.claims = claims
        self.readiness = readiness
        self.logger = logger
        self.report = report
        self.names = reconcilers.map(\.environment.name)
        self.byName = Dictionary(reconcilers.map { ($0.environment.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Environment names in configuration order, and each environment's reconciler: looked up
    /// once per result, so with a thousand environments not searched for.
    let names: [String]
    let byName: [String: EnvironmentReconciler]

    // MARK: - ReconcileTrigger

    public func reconcileSoon(_ environments: [String], reason: String) {
        request(environments, reason: reason, fetch: true)
    }

    /// A tracked object of each environment changed in the cluster: reconciled now, against the
    /// repository as last fetched (as `run` without `--listen` does). A round of drift alone
    /// fetches nothing: a thousand environments' first sync sets off thousands of such rounds,
    /// and each fetch costs (libgit2 1.5's remote look-up leaks its regex match data).
    public func reconcileDrifted(_ environments: [String], reason: String) {
        request(environments, reason: reason, fetch: false)
    }

    private func request(_ environments: [String], reason: String, fetch: Bool) {
        let known = environments.filter { byName[$0] != nil }
        guard !known.isEmpty else { return }
        requests.add(known, reason: reason, fetch: fetch)
        wakeup.ring()
    }

    // MARK: - Service

    public func run() async throws {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: { [stop, wakeup] in
            stop.stop()
            wakeup.ring()
        }
        await inFlight.waitForAll()
        await claims.releaseAll()
        logger.info("stopped: current work finished, leases released")
    }

    /// Stops taking new rounds (what SIGTERM does through the service group).
    public func shutdown() {
        stop.stop()
        wakeup.ring()
    }

    private func loop() async {
        let clock = ContinuousClock()
        var nextPoll = clock.now
        while !stop.isStopped {
            let pollDue = clock.now >= nextPoll
            let (requested, fetchless) = requests.take()
            var due = requested
            for (name, reason) in await claims.dueHere() where due[name] == nil { due[name] = reason }
            if pollDue {
                for name in names where due[name] == nil { due[name] = "poll" }
                nextPoll = clock.now + schedule.nextDelay(unit: Double.random(in: 0..<1))
            }
            let skipFetch = pollDue ? [] : fetchless
            if !due.isEmpty, await !gate.withTurn({ await round(due, requested: Set(requested.keys), fetchless: skipFetch) }) {
                // The poll found the claims not known yet: look again shortly, not an interval later.
                nextPoll = min(nextPoll, clock.now + Self.askInterval)
            }
            guard !stop.isStopped else { break }
            if requests.isEmpty {
                // Wake for a request, the next poll, or at least every retry period to look at
                // what other replicas ask of this one.
                await wakeup.wait(timeout: min(max(nextPoll - clock.now, .zero), Self.askInterval))
            }
        }
    }

    /// How often the loop looks for requests other replicas left on its Leases.
    static let askInterval: Duration = .seconds(1)

    /// One fetch, then the due environments this replica holds, each in a task of its own (one
    /// still running from an earlier round is not started twice; asked for by a webhook, it runs
    /// again once it ends), so a hung cluster never delays another environment. What a webhook
    /// asked for (`requested`) that another replica holds is passed on to that holder. `false`
    /// when the claims are not known yet (at start), so the poll is looked at again shortly.
    func round(_ due: [String: String], requested: Set<String>, fetchless: Set<String> = []) async -> Bool {
        let wanted = names.filter { due[$0] != nil }
        let held = Set(await claims.claim(wanted))
        let unreachable = await claims.unreachable()
        for name in wanted where !held.contains(name) && !inFlight.isRunning(name) {
            if let reason = unreachable[name] { reportUnreachable(name, reason: reason, trigger: due[name] ?? "poll") }
        }
        let elsewhere = wanted.filter { !held.contains($0) && requested.contains($0) }
        if !elsewhere.isEmpty {
            await claims.askHolders(elsewhere, reason: due[elsewhere[0]] ?? "webhook")
        }
        // By name: a reconciler is a large value, and copying a thousand of them twice a round showed.
        let heldHere = names.filter(held.contains)
        for name in heldHere where inFlight.isRunning(name) && requested.contains(name) {
            inFlight.askAgain(name, reason: due[name] ?? "webhook")
            if !fetchless.contains(name) { againWithFetch.withLock { _ = $0.insert(name) } }
        }
        let mine = heldHere.filter { !inFlight.isRunning($0) }
        guard !mine.isEmpty else {
            if !heldHere.isEmpty { return true }
            // Holding none of them, a poll still fetches (a warm mirror for a takeover), and the
            // environments other replicas hold count as looked at, so a standby replica is ready
            // too — once the claims are known: at start a Lease about to be taken makes the first
            // reconcile what readiness waits for.
            let undecided = await claims.undecided(wanted)
            let others = reconcilers.filter { due[$0.environment.name] != nil && !undecided.contains($0.environment.name) }
            if due.values.contains("poll") && !others.isEmpty { await standBy(others) }
            return undecided.isEmpty
        }
        roundStarted(mine, due)
        do {
            // Only environments asked for by drift alone: the repository as last fetched.
            if !mine.allSatisfy(fetchless.contains) { try await source.fetch() }
            readiness.fetched(failure: nil)
        } catch {
            let failure = ReconcileError.source("fetching the config repository failed: \(error)")
            readiness.fetched(failure: failure.description)
            logger.error("fetch failed", metadata: ["error": "\(failure)"])
            let results = mine.map { EnvironmentResult(environment: $0, outcome: .failure(failure)) }
            for result in results {
                log(result, reason: due[result.environment] ?? "poll")
                readiness.lookedAt(result.environment)
            }
            await report(results)
            return true
        }
        for name in mine {
            guard let reconciler = byName[name] else { continue }
            let reason = due[name] ?? "poll"
            inFlight.start(name, {
                let result = await Poller.reconcile(reconciler)
                self.log(result, reason: reason)
                self.readiness.lookedAt(name)
                await self.report([result])
            }, then: askedAgain(name))
        }
        return true
    }

    /// An environment whose cluster did not answer its Lease round is reported failed, naming
    /// the cluster, in a task of its own like a reconcile (its report reads the cluster too):
    /// in the log, in the metrics (sync and health Unknown, a reconcile counted as an error,
    /// of no duration since no pass started) and to `report` (`/api/v1`, the dashboard). It
    /// counts as looked at, so the hung cluster does not keep the service unready.
    private func reportUnreachable(_ name: String, reason: String, trigger: String) {
        inFlight.start(name, {
            let result = EnvironmentResult(environment: name, outcome: .failure(.cluster(reason)))
            self.log(result, reason: trigger)
            ReconcileMetrics.record(result, duration: .zero)
            self.readiness.lookedAt(name)
            await self.report([result])
        }, then: askedAgain(name))
    }

    /// What a task of an environment does when it ends: a webhook that asked for the
    /// environment meanwhile gets its reconcile now.
    private func askedAgain(_ name: String) -> @Sendable (String?) -> Void {
        { again in
            let fetch = self.againWithFetch.withLock { $0.remove(name) != nil }
            guard let again else { return }
            self.requests.add([name], reason: again, fetch: fetch)
            self.wakeup.ring()
        }
    }

    /// What a replica holding none of the due environments does at a poll: fetch (a warm mirror
    /// for a takeover), and count the environments as looked at: another replica serves them,
    /// or their cluster's failure is reported by `reportUnreachable`.
    private func standBy(_ others: [EnvironmentReconciler]) async {
        do {
            try await source.fetch()
            readiness.fetched(failure: nil)
        } catch {
            readiness.fetched(failure: ReconcileError.source("fetching the config repository failed: \(error)").description)
        }
        for reconciler in others { readiness.lookedAt(reconciler.environment.name) }
    }

    private func log(_ result: EnvironmentResult, reason: String) {
        var metadata: Logger.Metadata = ["environment": "\(result.environment)", "trigger": "\(reason)"]
        switch result.outcome {
        case .success(let outcome):
            metadata["revision"] = "\(outcome.revision)"
            metadata["health"] = "\(outcome.health.status.rawValue)"
            if let changes = outcome.changeSet {
                metadata["operation"] = "\(changes.operation.rawValue)"
                for entry in changes.entries where entry.action != .unchanged {
                    logger.info("\(entry.action.rawValue)", metadata: [
                        "environment": "\(result.environment)", "revision": "\(outcome.revision)",
                        "operation": "\(changes.operation.rawValue)", "object": "\(entry.identity)",
                    ])
                }
            }
            logger.info("\(outcome.message)", metadata: metadata)
        case .failure(let error):
            metadata["error"] = "\(error)"
            logger.error("reconcile failed", metadata: metadata)
        }
    }
}
