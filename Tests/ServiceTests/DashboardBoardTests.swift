import Foundation
import Manifests
import Reconciler
import Reports
import Testing
@testable import Service

/// The board: snapshots from outcomes, and the events their changes make.
@Suite struct DashboardBoardTests {
    static let deployment = ObjectIdentity(type: GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment"), namespace: "web", name: "django")
    static let secret = ObjectIdentity(type: GroupVersionKind(apiVersion: "v1", kind: "Secret"), namespace: "web", name: "db")

    static func outcome(replicas live: Int64, health: HealthStatus, revision: String = "1a2b3c4d5e6f") -> ReconcileOutcome {
        var desired: JSON = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "django", "namespace": "web"], "spec": ["replicas": 2]]
        var liveObject = desired
        liveObject["spec"] = ["replicas": .int(live)]
        desired["metadata"] = ["name": "django", "namespace": "web", "annotations": [Tracking.revisionAnnotation: .string(revision)]]
        let changes = live == 2 ? [] : [FieldChange(path: FieldPath([.key("spec"), .key("replicas")]), kind: .changed, old: .int(live), new: 2)]
        let secretObject: JSON = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db", "namespace": "web"], "data": ["password": "aHVudGVyMg=="]]
        let diff = EnvironmentDiff(environment: "develop", revision: revision, objects: [
            ObjectDiff(identity: deployment, status: live == 2 ? .synced : .outOfSync(.configure), changes: changes, desired: desired, live: liveObject),
            ObjectDiff(identity: secret, status: .synced, desired: secretObject, live: secretObject),
        ])
        let assessment = HealthAssessment(health, health == .healthy ? "" : "0 of 2 updated replicas are available")
        return ReconcileOutcome(environment: "develop", targetRevision: revision, revision: revision,
                                decision: .upToDate(revision: revision), diff: diff,
                                health: EnvironmentHealth(entries: [.init(identity: deployment, health: assessment)]), message: "Synced")
    }

    @Test func aFinishedReconcileWithDriftTellsHealthAndDrift() async {
        let board = DashboardBoard(environments: [EnvironmentConfiguration(name: "develop", ref: "main")])
        let (_, stream) = board.events.subscribe()
        board.started(["develop", "unknown"], reason: "poll")
        #expect(board.snapshot("develop")?.reconciling == true)
        board.finished(EnvironmentResult(environment: "develop", outcome: .success(Self.outcome(replicas: 2, health: .healthy))), history: nil)
        board.finished(EnvironmentResult(environment: "develop", outcome: .success(Self.outcome(replicas: 3, health: .progressing))), history: nil)
        board.events.cancelAll()
        var kinds: [DashboardEvent.Kind] = []
        for await message in stream { if case .event(let event) = message { kinds.append(event.kind) } }
        #expect(kinds == [.reconcileStarted, .reconcileFinished, .healthChanged, .reconcileFinished, .healthChanged, .driftFound])
        let snapshot = board.snapshot("develop")
        #expect(snapshot?.sync == .outOfSync && snapshot?.driftCount == 1 && snapshot?.health == .progressing)
        #expect(snapshot?.reconciling == false)
    }

    /// A no-op pass recorded nothing: its timeline is not read again (with a thousand
    /// environments that was a history parse and git look-ups per environment per pass).
    @Test func theTimelineIsReadAgainOnlyAfterARecordAFailureOrAMinute() {
        var snapshot = EnvironmentSnapshot(environment: EnvironmentConfiguration(name: "develop", ref: "main"))
        let noOp = EnvironmentResult(environment: "develop", outcome: .success(Self.outcome(replicas: 2, health: .healthy)))
        let start = Date()
        #expect(snapshot.needsHistory(after: noOp, at: start), "never read yet")
        snapshot.record(noOp, history: History(environment: "develop"), at: start)
        #expect(!snapshot.needsHistory(after: noOp, at: start + 5))
        #expect(snapshot.needsHistory(after: noOp, at: start + EnvironmentSnapshot.historyRefresh + 1))
        var synced = Self.outcome(replicas: 2, health: .healthy)
        synced.record = HistoryRecord(revision: "1a2b3c4d5e6f", time: start, operation: .sync, result: .succeeded, health: .healthy, message: "sync")
        #expect(snapshot.needsHistory(after: EnvironmentResult(environment: "develop", outcome: .success(synced)), at: start + 5))
        #expect(snapshot.needsHistory(after: EnvironmentResult(environment: "develop", outcome: .failure(.cluster("unreachable"))), at: start + 5))
    }

    @Test func theOverviewAndTheEnvironmentPageEscapeAndMaskWhatTheyShow() {
        var snapshot = EnvironmentSnapshot(environment: EnvironmentConfiguration(name: "develop", ref: "main"))
        snapshot.record(EnvironmentResult(environment: "develop", outcome: .success(Self.outcome(replicas: 3, health: .healthy))),
                        history: History(environment: "develop", records: [
                            HistoryRecord(id: 1, revision: "1a2b3c4d5e6f", time: Date(), operation: .sync, result: .succeeded, health: .healthy,
                                          message: "<img src=x onerror=alert(1)>", requestedBy: "Ada"),
                        ]), at: Date())
        let page = EnvironmentPage(snapshot: snapshot, session: .anonymous).render()
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;") && !page.contains("<img src=x"))
        #expect(page.contains("data-requested-by=\"Ada\""))
        #expect(page.contains("spec.replicas") && page.contains("data-sync=\"OutOfSync\""))
        #expect(!page.contains("aHVudGVyMg=="), "a Secret's value reached the page")
        let object = ObjectPage(environment: "develop", object: snapshot.outcome!.diff.object(Self.secret)!, report: nil, health: nil, events: []).render()
        #expect(!object.contains("aHVudGVyMg==") && object.contains("***"))
        let overview = OverviewPage(snapshots: [snapshot]).render()
        #expect(overview.contains("data-drift=\"1\"") && overview.contains("<span aria-hidden=\"true\">✔</span> Healthy"))
        #expect(!page.contains("<form"), "actions offered to someone not signed in")
    }

    @Test func theAPIShowsWhoAskedAndNeverASecret() throws {
        var snapshot = EnvironmentSnapshot(environment: EnvironmentConfiguration(name: "develop", ref: "main"))
        snapshot.record(EnvironmentResult(environment: "develop", outcome: .success(Self.outcome(replicas: 3, health: .healthy))),
                        history: History(environment: "develop", records: [
                            HistoryRecord(id: 4, revision: "1a2b3c4d5e6f", time: Date(), operation: .sync, result: .succeeded, health: .healthy, requestedBy: "Ada"),
                        ]), at: Date())
        let detail = SnapshotJSON.detail(snapshot)
        #expect(detail["history"]?[0]?["requestedBy"]?.stringValue == "Ada")
        #expect(detail["driftCount"]?.intValue == 1 && detail["sync"]?.stringValue == "OutOfSync")
        #expect(!detail.serialized().contains("aHVudGVyMg=="))
        let record = HistoryRecord(id: 4, revision: "1a2b3c4d5e6f", time: Date(timeIntervalSince1970: 0), operation: .sync, result: .succeeded,
                                   health: .healthy, requestedBy: "Ada")
        #expect(try HistoryRecord(json: record.json) == record, "requestedBy survives the history ConfigMap")
    }
}
