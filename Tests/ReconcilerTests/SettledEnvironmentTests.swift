import Foundation
import Manifests
@testable import Reconciler
import Testing

/// `SettledEnvironment`'s policy, pure: which outcomes a later pass may be answered with, and
/// that any input read differently means a full pass. (The passes themselves, against a cluster
/// and a repository: `SettledPassTests` in EndToEndTests.)
@Suite struct SettledEnvironmentTests {
    static let revision = "1a2b3c4d5e6f"

    static func outcome(decision: ReconcileDecision = .upToDate(revision: revision), remarks: [ReconcileRemark] = [],
                        health: HealthStatus = .healthy) -> ReconcileOutcome {
        let identity = ObjectIdentity(type: GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"), namespace: "apps", name: "settings")
        return ReconcileOutcome(environment: "develop", targetRevision: revision, revision: revision, decision: decision,
                                diff: EnvironmentDiff(environment: "develop", revision: revision, objects: []),
                                health: EnvironmentHealth(entries: [.init(identity: identity, health: HealthAssessment(health, ""))]),
                                message: "Synced to 1a2b3c4", remarks: remarks)
    }

    static let inputs = SettledEnvironment.Inputs(target: revision, live: EnvironmentChanges.Stamp(epoch: 1, change: 7), claims: 0,
                                                  siblingRevisions: " main=\(revision)")

    @Test func aSettledOutcomeAnswersOnlyThePassThatReadsTheSame() {
        let settled = SettledEnvironment()
        settled.remember(Self.outcome(), read: Self.inputs)
        #expect(settled.outcome(reading: Self.inputs)?.message == "Synced to 1a2b3c4")
        var changedLive = Self.inputs
        changedLive.live.change = 8
        var relisted = Self.inputs
        relisted.live.epoch = 2
        var newCommit = Self.inputs
        newCommit.target = "9f8e7d6c"
        var claimed = Self.inputs
        claimed.claims = 1
        var siblingMoved = Self.inputs
        siblingMoved.siblingRevisions = " main=9f8e7d6c"
        for other in [changedLive, relisted, newCommit, claimed, siblingMoved] {
            #expect(settled.outcome(reading: other) == nil, "\(other)")
        }
    }

    @Test func onlyAnUpToDateHealthyOutcomeWithoutRemarksIsKept() {
        let unsettled = [
            Self.outcome(decision: .reportDrift(revision: Self.revision, retryAt: nil), remarks: [.driftLeft(objects: 1, revision: Self.revision, retryAt: nil)]),
            Self.outcome(decision: .selfHeal(revision: Self.revision)),
            Self.outcome(decision: .apply(revision: Self.revision, reason: .newRevision)),
            Self.outcome(health: .progressing),
            Self.outcome(health: .degraded),
            Self.outcome(remarks: [.pruneSkipped(["LIST Secret: timed out"])]),
            Self.outcome(remarks: [.rolledBackRevisionSkipped("9f8e7d6c")]),
        ]
        for outcome in unsettled {
            let settled = SettledEnvironment()
            settled.remember(Self.outcome(), read: Self.inputs)
            settled.remember(outcome, read: Self.inputs)
            #expect(settled.outcome(reading: Self.inputs) == nil, "\(outcome.decision) \(outcome.health) \(outcome.remarks)")
        }
        #expect(SettledEnvironment.isSettled(Self.outcome(), target: Self.revision))
        #expect(!SettledEnvironment.isSettled(Self.outcome(), target: "9f8e7d6c"), "held at another revision than the ref's")
    }
}
