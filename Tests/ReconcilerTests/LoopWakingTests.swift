import Reconciler
import Synchronization
import Testing

/// How `mooring run`'s per-environment loops sleep between polls: a stop (SIGTERM) or a drift the
/// live cache saw wakes them at once, rung by the event itself rather than found by polling a
/// flag (1,000 environments polling every 50 ms were 20,000 wake-ups a second while idle).
@Suite struct LoopWakingTests {
    /// Runs `sleep`, then `event` once it has started sleeping; returns how long `sleep` took.
    private func timed(_ sleep: @escaping @Sendable () async -> Void, woken event: @escaping @Sendable () -> Void) async -> Duration {
        let clock = ContinuousClock()
        let started = clock.now
        async let slept: Void = sleep()
        try? await Task.sleep(for: .milliseconds(200))
        event()
        await slept
        return clock.now - started
    }

    @Test func stopWakesEverySleeperAtOnce() async {
        let stop = StopSignal()
        let took = await timed({
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<100 { group.addTask { await stop.sleep(for: .seconds(600)) } }
                group.addTask { await stop.wait() }
            }
        }, woken: { stop.stop() })
        #expect(took < .seconds(60), "woken by the stop, not at the end of the sleep")
        // Once stopped, a sleep returns at once.
        let clock = ContinuousClock(), started = clock.now
        await stop.sleep(for: .seconds(600))
        #expect(clock.now - started < .seconds(60))
    }

    @Test func aNudgeWakesOnlyItsEnvironment() async {
        let stop = StopSignal(), drift = DriftNudges()
        let otherWoke = SleepRecord()
        let other = Task {
            await drift.sleep(for: .seconds(600), stop: stop, environment: "master")
            otherWoke.mark()
        }
        let took = await timed({ await drift.sleep(for: .seconds(600), stop: stop, environment: "develop") },
                               woken: { drift.nudge("develop") })
        #expect(took < .seconds(60), "woken by the nudge")
        #expect(drift.take("develop"))
        #expect(!drift.take("develop"), "one nudge, one reconcile")
        try? await Task.sleep(for: .milliseconds(300))
        #expect(!otherWoke.happened, "master was not nudged")
        stop.stop()
        await other.value
        #expect(otherWoke.happened)
    }

    @Test func aNudgeBeforeTheSleepEndsItAtOnce() async {
        let stop = StopSignal(), drift = DriftNudges()
        drift.nudge("develop")
        let clock = ContinuousClock(), started = clock.now
        await drift.sleep(for: .seconds(600), stop: stop, environment: "develop")
        #expect(clock.now - started < .seconds(60))
        #expect(drift.take("develop"))
    }
}

/// Whether a sleeper returned (set from its task, read from the test's).
private final class SleepRecord: Sendable {
    private let state = Mutex(false)
    func mark() { state.withLock { $0 = true } }
    var happened: Bool { state.withLock { $0 } }
}
