import Foundation
import Manifests
@testable import Reconciler
import Testing

/// client-go's tryAcquireOrRenew, as a pure decision.
@Suite struct LeaseElectionTests {
    let timing = LeaseTiming(duration: .seconds(15))
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func noLeaseIsCreatedHeldByUs() {
        guard case .create(let record) = LeaseElection.decide(current: nil, identity: "a", timing: timing, now: now, observedFor: .zero) else {
            Issue.record("expected a create"); return
        }
        #expect(record == LeaseRecord(holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 0))
    }

    @Test func someoneElsesLiveLeaseIsWaitedForThenTakenOverWithATransition() {
        let theirs = LeaseRecord(holderIdentity: "b", leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 3)
        #expect(LeaseElection.decide(current: theirs, identity: "a", timing: timing, now: now, observedFor: .seconds(14)) == .heldByOther(theirs))
        let later = now.addingTimeInterval(16)
        guard case .update(let taken) = LeaseElection.decide(current: theirs, identity: "a", timing: timing, now: later, observedFor: .seconds(16)) else {
            Issue.record("expected a takeover"); return
        }
        #expect(taken == LeaseRecord(holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: later, renewTime: later, leaseTransitions: 4))
    }

    @Test func ourOwnLeaseIsRenewedKeepingItsAcquireTime() {
        let ours = LeaseRecord(holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 2)
        let later = now.addingTimeInterval(2)
        #expect(LeaseElection.decide(current: ours, identity: "a", timing: timing, now: later, observedFor: .seconds(2))
                == .update(LeaseRecord(holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: now, renewTime: later, leaseTransitions: 2)))
    }

    @Test func aReleasedLeaseIsTakenAtOnce() {
        let released = LeaseRecord(holderIdentity: "", leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: 5)
        guard case .update(let taken) = LeaseElection.decide(current: released, identity: "a", timing: timing, now: now, observedFor: .zero) else {
            Issue.record("expected a takeover"); return
        }
        #expect(taken.holderIdentity == "a" && taken.leaseTransitions == 6)
    }

    @Test func microTimeIsWrittenWithMicrosecondsAndReadBack() throws {
        let date = Date(timeIntervalSince1970: 1_714_564_803.123456)
        let text = MicroTime.format(date)
        #expect(text == "2024-05-01T12:00:03.123456Z")
        let parsed = try #require(MicroTime.parse(text))
        #expect(abs(parsed.timeIntervalSince(date)) < 0.000_01)
        #expect(MicroTime.parse("2024-05-01T12:00:03Z") == Date(timeIntervalSince1970: 1_714_564_803))
    }

    /// A holder renews every half renew deadline (5 s at client-go's defaults, not every 2 s:
    /// 200 writes a second for a thousand environments' Leases instead of 500), never less often
    /// than a third of the duration (a waiter must see it change well within the duration) and
    /// never more often than the retry period.
    @Test func aHolderRenewsEveryHalfRenewDeadlineWithinTheDuration() {
        #expect(LeaseTiming().renewInterval == .seconds(5))
        #expect(LeaseTiming(duration: .seconds(10), renewDeadline: .seconds(7), retryPeriod: .seconds(1)).renewInterval.seconds.isApproximately(10.0 / 3))
        #expect(LeaseTiming(duration: .seconds(35), renewDeadline: .seconds(30), retryPeriod: .seconds(5)).renewInterval.seconds.isApproximately(35.0 / 3))
        #expect(LeaseTiming(duration: .seconds(15), renewDeadline: .seconds(3), retryPeriod: .seconds(2)).renewInterval == .seconds(2))
        for timing in [LeaseTiming(), LeaseTiming(duration: .seconds(2), renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(200)),
                       LeaseTiming(duration: .seconds(4), renewDeadline: .seconds(3), retryPeriod: .seconds(1))] {
            #expect(timing.renewInterval < timing.renewDeadline && timing.renewInterval * 3 <= timing.duration + .milliseconds(1))
        }
    }
}

extension Double {
    fileprivate func isApproximately(_ other: Double) -> Bool { abs(self - other) < 0.001 }
}
