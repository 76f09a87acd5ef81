import Foundation
import Manifests
import Testing
@testable import Reconciler

@Suite struct LoopPolicyTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func record(_ revision: String, _ operation: SyncOperation = .sync, _ result: OperationResult = .succeeded,
                _ health: HealthStatus = .healthy, at seconds: Double = 0, from: String? = nil, to: String? = nil) -> HistoryRecord {
        HistoryRecord(revision: revision, time: t0.addingTimeInterval(seconds), operation: operation, result: result,
                      health: health, rolledBackFrom: from, rolledBackTo: to)
    }

    @Test func newCommitsAreAppliedAndAppliedOnesOnlyWhenLiveDiffers() {
        var history = History(environment: "develop")
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: false, selfHeal: false, now: t0) == .apply(revision: "r1", reason: .newRevision))
        history.append(record("r1"))
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: true, selfHeal: false, now: t0) == .upToDate(revision: "r1"))
        #expect(ReconcileDecision.decide(revision: "r2", history: history, liveMatches: true, selfHeal: false, now: t0) == .apply(revision: "r2", reason: .newRevision))
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: false, selfHeal: false, now: t0) == .reportDrift(revision: "r1", retryAt: nil))
    }

    @Test func anApplyThatFailedMidwayIsRetriedButAnUnhealthyOneIsNot() {
        var history = History(environment: "develop")
        history.append(record("r1", .sync, .failed, .unknown))
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: false, selfHeal: false, now: t0) == .apply(revision: "r1", reason: .retry))
        var unhealthy = History(environment: "develop")
        unhealthy.append(record("r1", .sync, .failed, .degraded))
        #expect(ReconcileDecision.decide(revision: "r1", history: unhealthy, liveMatches: true, selfHeal: false, now: t0) == .upToDate(revision: "r1"))
    }

    @Test func aRolledBackCommitIsNotReappliedButTheNextOneIs() {
        var history = History(environment: "develop")
        history.append(record("good"))
        history.append(record("bad", .sync, .failed, .degraded, at: 60))
        history.append(record("good", .autoRollback, .succeeded, .healthy, at: 61, from: "bad", to: "good"))
        let held = ReconcileDecision.effectiveRevision(target: "bad", history: history)
        #expect(held.revision == "good" && held.skipped == "bad")
        #expect(ReconcileDecision.decide(revision: held.revision, history: history, liveMatches: true, selfHeal: false, now: t0) == .upToDate(revision: "good"))
        let next = ReconcileDecision.effectiveRevision(target: "fixed", history: history)
        #expect(next.revision == "fixed" && next.skipped == nil)
    }

    @Test func selfHealBacksOffWhenTheSameDriftKeepsComingBack() {
        var history = History(environment: "develop")
        history.append(record("r1"))
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: false, selfHeal: true, now: t0) == .selfHeal(revision: "r1"))
        history.append(record("r1", .selfHeal, at: 100))
        history.append(record("r1", .selfHeal, at: 110))
        history.append(record("r1", .selfHeal, at: 130))
        // Three in a row: wait 5s × 2² = 20s after the last one.
        let early = t0.addingTimeInterval(140)
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: false, selfHeal: true, now: early)
                == .reportDrift(revision: "r1", retryAt: t0.addingTimeInterval(150)))
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: false, selfHeal: true, now: t0.addingTimeInterval(150)) == .selfHeal(revision: "r1"))
        // Long after, the streak no longer counts.
        #expect(ReconcileDecision.decide(revision: "r1", history: history, liveMatches: false, selfHeal: true, now: t0.addingTimeInterval(5000)) == .selfHeal(revision: "r1"))

        let backoff = SelfHealBackoff()
        #expect((0...8).map { backoff.delay(afterAttempts: $0) } == [.zero, .seconds(5), .seconds(10), .seconds(20), .seconds(40), .seconds(80), .seconds(160), .seconds(300), .seconds(300)])
    }

    @Test func pollScheduleJittersWithinBounds() {
        let schedule = PollSchedule(interval: .seconds(60), jitter: 0.1)
        #expect(schedule.nextDelay(unit: 0) == .seconds(54))
        #expect(schedule.nextDelay(unit: 0.5) == .seconds(60))
        #expect(schedule.nextDelay(unit: 0.999_999) < .seconds(66))
        #expect(PollSchedule(interval: .seconds(30), jitter: 0).nextDelay(unit: 0.9) == .seconds(30))
    }

    @Test func revertsAndRestoredTreesAreRollbacks() {
        let revertMessage = """
        Revert "promote django-admin 1.5.0 to master"

        This reverts commit 3f2a9c1d4b5e6f708192a3b4c5d6e7f809a1b2c3.
        """
        #expect(RollbackDetection.revertedCommit(in: revertMessage) == "3f2a9c1d4b5e6f708192a3b4c5d6e7f809a1b2c3")
        #expect(RollbackDetection.revertedCommit(in: "promote 1.5.0") == nil)

        var history = History(environment: "master")
        history.append(record("c1"))
        history.append(record("c2"))
        let trees = ["c1": "tree-A", "c2": "tree-B"]
        let revert = RevisionFacts(revision: "c3", message: revertMessage, pathTree: "tree-A")
        #expect(RollbackDetection.detect(new: revert, history: history, treeOf: { trees[$0] })
                == RollbackDetection(kind: .revert, from: "3f2a9c1d4b5e6f708192a3b4c5d6e7f809a1b2c3", to: "c1"))

        let handMade = RevisionFacts(revision: "c3", message: "back to the old image", pathTree: "tree-A")
        let restored = RollbackDetection.detect(new: handMade, history: history, treeOf: { trees[$0] })
        #expect(restored == RollbackDetection(kind: .restoredTree, from: "c2", to: "c1"))
        #expect(restored?.message == "rollback of c2 to c1 (restores an earlier tree)")

        let forward = RevisionFacts(revision: "c3", message: "promote 1.6.0", pathTree: "tree-C")
        #expect(RollbackDetection.detect(new: forward, history: history, treeOf: { trees[$0] }) == nil)
    }

    @Test func immutableFieldRejectionsNameTheWayOut() {
        let identity = ObjectIdentity(type: GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment"), namespace: "web", name: "django")
        #expect(ApplyRejection.message(for: identity, fields: ["spec.selector"])
                == #"Deployment.apps web/django: field spec.selector is immutable; annotate it mooring.dev/force: "true" to let mooring delete and recreate it"#)
        #expect(ApplyRejection.mayRecreate(["metadata": ["annotations": ["mooring.dev/force": "true"]]]))
        #expect(!ApplyRejection.mayRecreate(["metadata": ["name": "x"]]))
    }
}
