import Foundation
import Manifests
import Testing
@testable import Notify
import Reconciler

/// "Once per change of state": which events outcomes are worth, pass after pass, from the memory
/// of what was told — the pure policy, without a cluster or a receiver.
@Suite struct NotificationPolicyTests {
    /// Runs outcomes through the policy in order, threading the memory; the events of each pass.
    func passes(_ outcomes: [ReconcileOutcome], from start: NotificationMemory = NotificationMemory())
        -> (events: [[NotificationEventKind]], memory: NotificationMemory) {
        var memory = start
        var all: [[NotificationEventKind]] = []
        for outcome in outcomes {
            let (events, updated) = NotificationPolicy.events(for: outcome, remembered: memory)
            all.append(events.map(\.kind))
            memory = updated
        }
        return (all, memory)
    }

    @Test func brokenReleaseRolledBackTellsFailureAndRollbackOnceOverPassesAndARestart() {
        let first = Outcomes.sync(Outcomes.good, record: Outcomes.record(1, Outcomes.good))
        let broken = Outcomes.autoRolledBack()
        let (events, memory) = passes([first, broken, Outcomes.idle(Outcomes.good), Outcomes.idle(Outcomes.good), broken])
        #expect(events == [[.syncSucceeded], [.syncFailed, .autoRollback], [], [], []], "the replayed outcome tells nothing")
        #expect(memory.applied == .init(revision: Outcomes.bad, result: .rolledBack))
        #expect(memory.record == 3 && memory.health == .healthy)

        // A restart reads the memory back from its stored form: still nothing to tell.
        let restarted = NotificationMemory(json: try? JSON(parsing: memory.json.serialized()))
        #expect(restarted == memory)
        #expect(passes([Outcomes.idle(Outcomes.good)], from: restarted).events == [[]])
    }

    @Test func theAutoRollbackEventIsAboutTheBadRevisionAndTheSyncPart() {
        let (events, _) = NotificationPolicy.events(for: Outcomes.autoRolledBack(), remembered: NotificationMemory())
        #expect(events == [.init(.syncFailed), .init(.autoRollback, aboutAutoRollback: true)])
    }

    @Test func aRetryThatFailsAgainSaysNothingAndItsSuccessIsNews() {
        let failed = { (id: Int) in
            Outcomes.sync(Outcomes.bad, record: Outcomes.record(id, Outcomes.bad, result: .failed, health: .healthy),
                          failed: "Deployment.apps \"django-admin\" is invalid: spec.selector: field is immutable")
        }
        let fixed = Outcomes.sync(Outcomes.bad, record: Outcomes.record(4, Outcomes.bad))
        #expect(passes([failed(1), failed(2), failed(3), fixed]).events == [[.syncFailed], [], [], [.syncSucceeded]])
    }

    @Test func healthChangesOutsideSyncsAreToldOnceEachWay() {
        let synced = Outcomes.sync(Outcomes.good, record: Outcomes.record(1, Outcomes.good))
        let progressing = Outcomes.health(.progressing, "rolling out")
        let (events, memory) = passes([synced, Outcomes.idle(Outcomes.good, health: Outcomes.degraded),
                                       Outcomes.idle(Outcomes.good, health: Outcomes.degraded),
                                       Outcomes.idle(Outcomes.good, health: progressing),
                                       Outcomes.idle(Outcomes.good), Outcomes.idle(Outcomes.good)])
        #expect(events == [[.syncSucceeded], [.healthDegraded], [], [], [.healthRecovered], []])
        #expect(memory.health == .healthy)
    }

    @Test func aSyncThatEndsDegradedIsASyncFailureNotAlsoAHealthEvent() {
        let degradedSync = Outcomes.sync(Outcomes.bad, record: Outcomes.record(1, Outcomes.bad, result: .failed, health: .degraded),
                                         health: Outcomes.degraded)
        let fixed = Outcomes.sync(Outcomes.good, record: Outcomes.record(2, Outcomes.good))
        #expect(passes([degradedSync, Outcomes.idle(Outcomes.bad, health: Outcomes.degraded), fixed]).events
                == [[.syncFailed], [], [.syncSucceeded]])
    }

    @Test func driftIsToldWhenItAppearsThenForgottenOnceLiveMatches() {
        let drift = Outcomes.idle(Outcomes.good, decision: .reportDrift(revision: Outcomes.good, retryAt: nil), outOfSync: true)
        let (events, memory) = passes([drift, drift, drift, Outcomes.idle(Outcomes.good), drift])
        #expect(events == [[.driftDetected], [], [], [], [.driftDetected]])
        #expect(memory.drift == Outcomes.good)
    }

    @Test func aSelfHealTellsTheHealAndClearsTheDrift() {
        let drift = Outcomes.idle(Outcomes.good, decision: .reportDrift(revision: Outcomes.good, retryAt: Date()), outOfSync: true)
        var heal = Outcomes.sync(Outcomes.good, record: Outcomes.record(2, Outcomes.good, .selfHeal))
        heal.decision = .selfHeal(revision: Outcomes.good)
        let (events, memory) = passes([drift, heal])
        #expect(events == [[.driftDetected], [.selfHealed]])
        #expect(memory.drift == nil)
    }

    @Test func aRevertAppliedIsARollback() {
        let revert = Outcomes.sync(Outcomes.revert, record: Outcomes.record(5, Outcomes.revert, .rollback),
                                   rollback: RollbackDetection(kind: .revert, from: Outcomes.bad, to: Outcomes.good))
        #expect(passes([revert]).events == [[.rollback]])
    }

    @Test func aBlockedPruneIsToldOncePerRevisionButAPruneSwitchedOffNever() {
        var blocked = Outcomes.sync(Outcomes.good, record: Outcomes.record(1, Outcomes.good, result: .failed),
                                    remarks: [.pruneSkipped(["LIST apps/v1 Deployment: 503"])])
        blocked.changeSet?.entries.append(ChangeSetEntry(kept: Outcomes.configMap, because: .pruneBlocked(.incompleteListing)))
        var retried = blocked
        retried.record?.id = 2
        var switchedOff = Outcomes.sync(Outcomes.bad, record: Outcomes.record(3, Outcomes.bad))
        switchedOff.changeSet?.entries.append(ChangeSetEntry(kept: Outcomes.configMap, because: .pruneBlocked(.disabled)))
        #expect(passes([blocked, retried, switchedOff]).events == [[.syncFailed, .pruneBlocked], [], [.syncSucceeded]])
    }

    @Test func conflictsAreToldWhenANewOneAppears() {
        let inConflict = { (identities: [ObjectIdentity]) -> ReconcileOutcome in
            var outcome = Outcomes.idle(Outcomes.good)
            outcome.diff = EnvironmentDiff(environment: "master", revision: Outcomes.good,
                                           objects: identities.map { ObjectDiff(identity: $0, status: .conflict, desired: nil, live: nil) })
            return outcome
        }
        let (events, memory) = passes([inConflict([Outcomes.configMap]), inConflict([Outcomes.configMap]),
                                       inConflict([Outcomes.configMap, Outcomes.deployment]), inConflict([Outcomes.deployment]),
                                       inConflict([]), inConflict([Outcomes.configMap])])
        #expect(events == [[.conflict], [], [.conflict], [], [], [.conflict]])
        #expect(memory.conflicts == [Outcomes.configMap.description])
    }

    @Test func aSyncStoppedPartWayIsInterruptedAndANamespaceHoldingForeignObjectsBlocksPrune() {
        var stopped = Outcomes.sync(Outcomes.bad, record: Outcomes.record(1, Outcomes.bad, result: .failed))
        stopped.changeSet?.entries.append(ChangeSetEntry(kept: Outcomes.configMap, because: .interrupted("the Lease was lost")))
        var holding = Outcomes.sync(Outcomes.good, record: Outcomes.record(2, Outcomes.good))
        let namespace = ObjectIdentity(type: GroupVersionKind(group: "", version: "v1", kind: "Namespace"), namespace: nil, name: "web")
        holding.changeSet?.entries.append(ChangeSetEntry(kept: namespace, because: .namespaceHolds("it holds 2 objects mooring does not track")))
        #expect(passes([stopped, holding]).events == [[.syncFailed, .interrupted], [.syncSucceeded, .pruneBlocked]])
        let event = NotificationEvent(.init(.interrupted), outcome: stopped, scrubber: .none)
        #expect(event.summary == "stopped before pruning: the Lease was lost")
    }

    /// A `Running` record a `kill -9`'d process left, completed by the next reconcile: told once,
    /// about the revision the dead process was applying — whether the reconcile applied nothing
    /// (the record completed Failed on its own) or took its place — and never again when replayed.
    @Test func aRunningRecordLeftByAKilledProcessIsToldOnce() {
        let left = InterruptedOperation(id: 3, operation: .sync, revision: Outcomes.bad, startedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let told = NotificationMemory(record: 2, applied: .init(revision: Outcomes.good, result: .succeeded), health: .healthy)
        let idle = Outcomes.idle(Outcomes.good)
        var completed = idle
        completed.remarks = [.interrupted(left)]
        #expect(passes([completed, completed, idle], from: told).events == [[.interrupted], [], []])
        let tookItsPlace = Outcomes.sync(Outcomes.bad, record: Outcomes.record(3, Outcomes.bad), remarks: [.interrupted(left)])
        #expect(passes([tookItsPlace, tookItsPlace], from: told).events == [[.syncSucceeded, .interrupted], []])
        let event = NotificationEvent(.init(.interrupted), outcome: completed, scrubber: .none)
        #expect(event.revision == Outcomes.bad && event.operation == .sync)
        #expect(event.title == "master: sync of 2222222 interrupted")
        #expect(event.summary.hasPrefix("interrupted: sync of 2222222 at 2027-01-15T08:00:00Z"), "\(event.summary)")
    }

    @Test func dryRunsTellNothing() {
        var dryRun = Outcomes.sync(Outcomes.good, record: Outcomes.record(1, Outcomes.good))
        dryRun.changeSet?.dryRun = true
        #expect(passes([dryRun]).events == [[]])
    }

    @Test func commitStatusesTurnPendingForNewRevisionsOnly() {
        let applying = { (revision: String, operation: SyncOperation) in
            SyncMilestone.applying(environment: "master", revision: revision, operation: operation)
        }
        let failedBad = NotificationMemory(applied: .init(revision: Outcomes.bad, result: .failed))
        #expect(NotificationPolicy.announcesPending(applying(Outcomes.good, .sync), remembered: NotificationMemory()))
        #expect(NotificationPolicy.announcesPending(applying(Outcomes.revert, .rollback), remembered: failedBad))
        #expect(!NotificationPolicy.announcesPending(applying(Outcomes.bad, .sync), remembered: failedBad), "a retry")
        #expect(!NotificationPolicy.announcesPending(applying(Outcomes.good, .selfHeal), remembered: NotificationMemory()))
        #expect(!NotificationPolicy.announcesPending(applying(Outcomes.good, .autoRollback), remembered: NotificationMemory()))
    }

    @Test func theStoredFormIsDocumentedAndUnreadablePartsAreLeftEmpty() throws {
        let memory = NotificationMemory(record: 12, applied: .init(revision: "1a2b", result: .failed), health: .degraded,
                                        drift: "1a2b", pruneBlocked: "1a2b", conflicts: ["ConfigMap web/settings"])
        #expect(memory.json.serialized() == #"{"format":1,"record":12,"applied":{"revision":"1a2b","result":"failed"},"health":"Degraded","drift":"1a2b","pruneBlocked":"1a2b","conflicts":["ConfigMap web/settings"]}"#)
        #expect(NotificationMemory(json: memory.json) == memory)
        #expect(NotificationMemory(json: try JSON(parsing: #"{"format":1,"health":"Sideways","applied":{"revision":"x"}}"#)) == NotificationMemory())
        #expect(NotificationMemory(json: nil) == NotificationMemory())
    }
}
