/// One message on its way to a target, and what it is about.
struct Delivery: Sendable {
    /// The event's name, or `pending` (the metrics' `event` label).
    var event: String
    var request: NotificationRequest
}

/// One target's queue: messages go out one at a time, in the order they were queued (a channel
/// reads them in order), retried by the policy. The queue is bounded: when a receiver falls
/// behind, the oldest waiting message is dropped and counted. A slow receiver only ever slows
/// its own lane.
actor DeliveryLane {
    let target: String
    let policy: DeliveryPolicy
    let sender: HTTPDelivery
    let metrics: NotifyMetrics
    let log: @Sendable (String) -> Void

    private var queue: [Delivery] = []
    private var worker: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(target: String, policy: DeliveryPolicy, sender: HTTPDelivery, metrics: NotifyMetrics, log: @escaping @Sendable (String) -> Void) {
        self.target = target
        self.policy = policy
        self.sender = sender
        self.metrics = metrics
        self.log = log
    }

    func enqueue(_ delivery: Delivery) {
        if queue.count >= policy.backlog {
            let dropped = queue.removeFirst()
            metrics.dropped(target: target)
            log("notification \(target): backlog full, dropped the oldest waiting message (\(dropped.event))")
        }
        queue.append(delivery)
        if worker == nil { worker = Task { await self.drain() } }
    }

    var isIdle: Bool { worker == nil && queue.isEmpty }

    /// Returns once nothing waits and nothing is being sent.
    func waitUntilIdle() async {
        if isIdle { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Gives up on what is waiting and in flight (each counted as dropped); returns how many.
    func abandon() -> Int {
        let waiting = queue.count
        for _ in queue { metrics.dropped(target: target) }
        queue.removeAll()
        worker?.cancel()
        return waiting + (worker == nil ? 0 : 1)
    }

    private func drain() async {
        while !queue.isEmpty {
            let next = queue.removeFirst()
            switch await sender.deliver(next.request, policy: policy) {
            case .delivered:
                metrics.record(target: target, event: next.event, .success)
            case .failed(let problem):
                metrics.record(target: target, event: next.event, .failure)
                log("notification \(target) (\(next.event)) failed: \(problem)")
            case .cancelled:
                metrics.dropped(target: target)
            }
            if Task.isCancelled { break }
        }
        worker = nil
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters.removeAll()
    }
}
