/// How many requests one client keeps in flight, adapted to the server's answers the way TCP
/// adapts its window (AIMD): each answered request widens it by 1/limit (one more request per
/// round), a 429 Too Many Requests — API Priority and Fairness rejecting us — halves it and
/// holds new requests back for its `Retry-After`, and so does an answer much slower than the
/// fastest recent ones (the server queueing us). Bounded by `1...maximum`. Watches do not take
/// part: they stay open for minutes.
actor ConcurrencyWindow {
    let maximum: Int
    private(set) var limit: Double
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var holdUntil: ContinuousClock.Instant?
    /// The fastest answer among recent ones, forgotten slowly so a server that got slower for
    /// good becomes the new normal.
    private var fastest: Duration?

    init(initial: Int = 16, maximum: Int = 64) {
        self.maximum = max(maximum, 1)
        limit = Double(min(max(initial, 1), self.maximum))
    }

    /// Waits for a place in the window.
    func acquire() async {
        if let holdUntil, ContinuousClock.now < holdUntil {
            try? await Task.sleep(until: holdUntil, clock: .continuous)
        }
        if inFlight < Int(limit) {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Gives the place back with what the answer said: its HTTP status (nil: no answer) and
    /// how long it took.
    func release(status: Int?, latency: Duration, retryAfter: Duration?) {
        switch status {
        case 429:
            limit = max(1, limit / 2)
            if let retryAfter { holdUntil = .now + retryAfter }
        case .some:
            let floor = fastest.map { min($0 * 1.01, latency) } ?? latency
            fastest = floor
            if latency > max(floor * 8, .milliseconds(500)) {
                limit = max(1, limit * 0.75)
            } else {
                limit = min(Double(maximum), limit + 1 / limit)
            }
        case nil:
            break
        }
        inFlight -= 1
        while inFlight < Int(limit), !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().resume()
        }
    }
}
