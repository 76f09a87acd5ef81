import Foundation
import Manifests
import Reconciler
import Testing

/// One object, one owner: two environments (or two configurations) declaring the same object
/// never flip it, and neither applies nor prunes it.
@Suite struct SharedObjectTests {
    static let files = [
        "develop/shared.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["OWNER": "develop"]),
        "develop/own.yaml": SafetyFixture.configMap("develop-only", namespace: "default", data: ["A": "1"]),
        "master/own.yaml": SafetyFixture.configMap("master-only", namespace: "default", data: ["B": "2"]),
    ]

    @Test func twoEnvironmentsOfOneConfigurationDeclaringOneObjectFailAtRenderTimeForTenPasses() async throws {
        try await withHarness(environments: try SafetyFixture.environments(Self.files)) { harness in
            let develop = SafetyFixture.environment("develop"), master = SafetyFixture.environment("master")
            // Shared as `mooring run` shares it: the verdict of the first passes must not outlive the commit.
            let declarations = DeclarationIndex()
            func reconcilers() -> [EnvironmentReconciler] {
                var a = harness.reconciler(develop), b = harness.reconciler(master)
                a.siblings = [master]
                b.siblings = [develop]
                a.declarations = declarations
                b.declarations = declarations
                return [a, b]
            }
            for _ in 1...2 {
                let first = await Poller(source: harness.source, reconcilers: reconcilers(), schedule: PollSchedule(interval: .seconds(1))).pass()
                #expect(first.allSatisfy { $0.isSyncedAndHealthy })
            }

            try await harness.repository.commit("master declares develop's object", files: [
                "environments/master/shared.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["OWNER": "master"]),
            ])
            let poller = Poller(source: harness.source, reconcilers: reconcilers(), schedule: PollSchedule(interval: .seconds(1)))
            for pass in 1...10 {
                let results = await poller.pass()
                for result in results {
                    guard case .failure(.render(let message)) = result.outcome else {
                        Issue.record("pass \(pass), \(result.environment): expected a render error, got \(result.outcome)")
                        continue
                    }
                    #expect(message.contains("environments/\(result.environment)/shared.yaml:1: ConfigMap default/settings is declared by environment \(result.environment) and by environment"), "\(message)")
                    #expect(message.contains("environments/develop/shared.yaml:1") && message.contains("environments/master/shared.yaml:1"))
                }
                #expect(try await harness.data(of: "settings", namespace: "default") == ["OWNER": "develop"], "pass \(pass)")
            }
            #expect(try await harness.data(of: "master-only", namespace: "default") != nil, "nothing pruned either")
        }
    }

    @Test func anObjectOfAnotherInstallationIsAConflictWithoutWaitingForItsHealth() async throws {
        try await withHarness(environments: try SafetyFixture.environments(Self.files)) { harness in
            let teamA = harness.reconciler(SafetyFixture.environment("develop", installation: "team-a"))
            #expect(try await harness.poll(teamA).isSyncedAndHealthy)

            // Another configuration, its own installation, also calls its environment develop and
            // declares the same ConfigMap with another value; it would wait 5 minutes for health.
            try await harness.repository.commit("team b", files: [
                "environments/team-b/shared.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["OWNER": "team-b"]),
            ])
            var settings = SafetyFixture.environment("develop", installation: "team-b", healthTimeout: .seconds(300))
            settings.path = "environments/team-b"
            let teamB = harness.reconciler(settings)
            let clock = ContinuousClock(), start = clock.now
            for _ in 1...10 {
                let outcome = try await harness.poll(teamB)
                #expect(!outcome.isSynced)
                #expect(outcome.diff.conflicts.first?.conflict?.reason == .ownedBy(Owner(installation: "team-a", environment: "develop")))
                #expect(outcome.message.contains("ConfigMap default/settings is owned by environment develop of installation team-a"), "\(outcome.message)")
                #expect(outcome.health.entries.isEmpty, "its health is not team b's to wait for: \(outcome.health)")
            }
            #expect(clock.now - start < .seconds(60), "no health wait on an object it does not own")
            #expect(try await harness.data(of: "settings", namespace: "default") == ["OWNER": "develop"])
            #expect(try await harness.data(of: "develop-only", namespace: "default") != nil, "team b prunes nothing of team a's")
            let live = try #require(try await harness.live("ConfigMap", "v1", namespace: "default", name: "settings"))
            #expect(live[path: ["metadata", "annotations", Tracking.ownerAnnotation]] == "team-a/develop")
            #expect(try await harness.poll(teamA).isSyncedAndHealthy, "team b ran without its Lease: it claimed nothing")
        }
    }

    @Test func aConflictBetweenTwoInstallationsIsReportedByBothUntilOneGivesTheObjectUp() async throws {
        try await withHarness(environments: try SafetyFixture.environments(Self.files)) { harness in
            var teamA = harness.reconciler(SafetyFixture.environment("develop", installation: "team-a"))
            teamA.lock = EnvironmentLock(environment: teamA.environment, cluster: harness.client)
            #expect(try await harness.poll(teamA).isSyncedAndHealthy)
            try await harness.repository.commit("team b", files: [
                "environments/team-b/shared.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["OWNER": "team-b"]),
            ])
            var settings = SafetyFixture.environment("develop", installation: "team-b")
            settings.path = "environments/team-b"
            var teamB = harness.reconciler(settings)
            teamB.lock = EnvironmentLock(environment: settings, cluster: harness.client)
            #expect(EnvironmentLock.leaseName(settings) == "mooring-env-team-b-develop")

            let claimant = try await harness.poll(teamB)
            #expect(claimant.diff.conflicts.first?.conflict?.reason == .ownedBy(Owner(installation: "team-a", environment: "develop")))
            let owner = try await harness.poll(teamA)
            #expect(!owner.isSynced)
            #expect(owner.diff.conflicts.first?.conflict?.reason == .claimedBy(Owner(installation: "team-b", environment: "develop")))
            #expect(owner.message.contains("ConfigMap default/settings is declared by environment develop of installation team-b too"), "\(owner.message)")
            #expect(try await harness.data(of: "settings", namespace: "default") == ["OWNER": "develop"])

            try await harness.repository.commit("team b gives it up", files: ["environments/team-b/shared.yaml": nil,
                "environments/team-b/other.yaml": SafetyFixture.configMap("team-b-only", namespace: "default", data: ["C": "3"])])
            #expect(try await harness.poll(teamB).isSynced)
            #expect(try await harness.poll(teamA).isSyncedAndHealthy, "the claim is withdrawn")
        }
    }
}
