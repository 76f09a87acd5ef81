import Reconciler

/// The background half of `Notifier`: for each input, the environment's memory from its cluster,
/// the policy's events, the memory saved back when it changed, and each event queued on the
/// lanes of the targets that want it. Inputs are handled one at a time, in order.
actor EventRouter {
    let targets: [ResolvedTarget]
    let lanes: [DeliveryLane]
    let links: LinkTemplates
    let stores: [String: NotificationMemoryStore]
    let log: @Sendable (String) -> Void
    /// The memory last read or written per environment: used when the cluster cannot be read.
    private var memories: [String: NotificationMemory] = [:]

    init(targets: [ResolvedTarget], lanes: [DeliveryLane], links: LinkTemplates,
         stores: [String: NotificationMemoryStore], log: @escaping @Sendable (String) -> Void) {
        self.targets = targets
        self.lanes = lanes
        self.links = links
        self.stores = stores
        self.log = log
    }

    func handle(_ input: Notifier.Input) async {
        switch input {
        case .outcome(let outcome): await handle(outcome)
        case .milestone(let milestone): await handle(milestone)
        }
    }

    private func handle(_ outcome: ReconcileOutcome) async {
        let environment = outcome.environment
        let remembered = await memory(of: environment)
        let (derived, updated) = NotificationPolicy.events(for: outcome, remembered: remembered)
        if updated != remembered { await save(updated, environment: environment) }
        guard !derived.isEmpty else { return }
        let scrubber = SecretScrubber(outcome)
        for item in derived {
            let event = NotificationEvent(item, outcome: outcome, links: links, scrubber: scrubber)
            for (target, lane) in zip(targets, lanes) where target.configuration.wants(event.kind, environment: environment) {
                guard let request = target.request(for: event) else { continue }
                await lane.enqueue(Delivery(event: event.kind.rawValue, request: request))
            }
        }
    }

    private func handle(_ milestone: SyncMilestone) async {
        guard case let .applying(environment, revision, _) = milestone,
              targets.contains(where: { $0.configuration.kind.isCommitStatus }) else { return }
        guard NotificationPolicy.announcesPending(milestone, remembered: await memory(of: environment)) else { return }
        let links = links.render(environment: environment, revision: revision)
        for (target, lane) in zip(targets, lanes) {
            guard let request = target.pendingRequest(revision: revision, environment: environment, links: links) else { continue }
            await lane.enqueue(Delivery(event: "pending", request: request))
        }
    }

    private func memory(of environment: String) async -> NotificationMemory {
        guard let store = stores[environment] else { return memories[environment] ?? NotificationMemory() }
        do {
            let memory = try await store.load(environment: environment)
            memories[environment] = memory
            return memory
        } catch {
            log("notifications of \(environment): reading what was told failed, using what this process knows: \(error)")
            return memories[environment] ?? NotificationMemory()
        }
    }

    private func save(_ memory: NotificationMemory, environment: String) async {
        memories[environment] = memory
        do {
            try await stores[environment]?.save(memory, environment: environment)
        } catch {
            log("notifications of \(environment): saving what was told failed: \(error)")
        }
    }
}
