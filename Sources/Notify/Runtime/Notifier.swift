import Foundation
import Reconciler

/// Notifications for a running `mooring`: outcomes and milestones go in without waiting (the
/// reconcile loop never waits for a receiver), one background task turns them into events with
/// `NotificationPolicy` and the memory in the cluster, and each target's `DeliveryLane` sends
/// them. `finish(within:)` waits a bounded time for what is queued (`run --once`, shutdown).
public final class Notifier: Sendable {
    enum Input: Sendable {
        case outcome(ReconcileOutcome)
        case milestone(SyncMilestone)
    }

    public let targets: [ResolvedTarget]
    private let inputs: AsyncStream<Input>.Continuation
    private let consumer: Task<Void, Never>
    private let lanes: [DeliveryLane]

    /// - Parameters:
    ///   - clusters: each environment's cluster, where its notification memory is kept.
    ///   - environment: the process's variables (where `urlEnv`, `tokenEnv`, `secretEnv` point).
    ///   - log: one line per failed or dropped message (never a URL or token).
    /// - Throws: `NotifyError` for a secret that cannot be read, `ConfigurationError` for a
    ///   template that does not parse.
    public init(configuration: MooringConfiguration, clusters: [String: any ClusterClient],
                policy: DeliveryPolicy = DeliveryPolicy(), metrics: NotifyMetrics = NotifyMetrics(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        let targets = try configuration.notifications.map { try ResolvedTarget($0, environment: environment) }
        let links = try LinkTemplates(configuration.links)
        let lanes = targets.map { DeliveryLane(target: $0.name, policy: policy, sender: HTTPDelivery(), metrics: metrics, log: log) }
        metrics.register(targets: targets.map(\.name))
        let router = EventRouter(targets: targets, lanes: lanes, links: links,
                                 stores: clusters.mapValues(NotificationMemoryStore.init), log: log)
        let (stream, continuation) = AsyncStream<Input>.makeStream()
        self.targets = targets
        self.lanes = lanes
        self.inputs = continuation
        consumer = Task { for await input in stream { await router.handle(input) } }
    }

    /// Whether any target is configured (nothing to do otherwise).
    public var isEmpty: Bool { targets.isEmpty }

    /// Hands over a reconcile's outcome; returns at once.
    public func observe(_ outcome: ReconcileOutcome) { inputs.yield(.outcome(outcome)) }

    /// Hands over a milestone (an apply starting); returns at once. Give it to the reconcilers'
    /// `SyncProgress` with `forwarding(milestonesTo:)`.
    public func reached(_ milestone: SyncMilestone) { inputs.yield(.milestone(milestone)) }

    /// Stops taking input, then waits up to `limit` for every event to be derived and every
    /// message to be sent or given up; what is still waiting then is dropped (and counted).
    /// Returns how many messages were abandoned.
    @discardableResult
    public func finish(within limit: Duration) async -> Int {
        inputs.finish()
        let consumer = consumer, lanes = lanes
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await consumer.value
                for lane in lanes { await lane.waitUntilIdle() }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let finished = await group.next() ?? false
            group.cancelAll()
            guard !finished else { return 0 }
            // Out of time: stop deriving, cancel what is in flight; the waiting task then ends too.
            consumer.cancel()
            var abandoned = 0
            for lane in lanes { abandoned += await lane.abandon() }
            return abandoned
        }
    }
}

extension LinkTemplates {
    /// The `links:` templates compiled; one that does not parse is a configuration problem at its line.
    init(_ links: NotificationLinks) throws {
        func compile(_ configured: ConfiguredTemplate?, _ key: String) throws -> NotificationTemplate? {
            guard let configured else { return nil }
            do {
                return try NotificationTemplate(configured.text, escaping: .none)
            } catch let error as NotificationTemplateError {
                throw ConfigurationError(problems: [ConfigurationProblem(
                    file: configured.file, line: configured.line.map { $0 + error.line - 1 },
                    message: "links.\(key) does not parse: column \(error.column): \(error.reason)")])
            }
        }
        self.init(commit: try compile(links.commit, "commit"), dashboard: try compile(links.dashboard, "dashboard"))
    }
}
