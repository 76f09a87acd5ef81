import ChildProcess
import Foundation
import Manifests
import Reconciler
import TestSupport
import Testing

/// Replicas of `mooring run --listen` sharing environments through their Leases in the cluster.
@Suite(.serialized) struct ServiceHATests {
    /// A holder renews every second; a Lease left unrenewed for 10 s is taken over. Not 4 s: the
    /// cluster here runs inside the test process beside every other suite, and on a loaded
    /// machine its answers have taken seconds, so a live holder's renewals could look 4 s old and
    /// the Lease changed hands before any kill (client-go keeps 15 s/10 s/2 s for such reasons).
    static let leaseDuration: Duration = .seconds(10)
    static let lease = "{duration: 10s, renewDeadline: 7s, retryPeriod: 1s}"

    static func environment(_ name: String) -> String {
        "ref: main\npath: environments/\(name)\nprune: true\nhealthTimeout: 60s"
    }

    func holder(_ harness: Harness, _ environment: String) async throws -> String? {
        let lease = try await harness.live("Lease", "coordination.k8s.io/v1", namespace: "mooring-system", name: "mooring-env-\(environment)")
        let holder = lease?[path: ["spec", "holderIdentity"]]?.stringValue
        return holder?.isEmpty == false ? holder : nil
    }

    /// Every object a replica applied, from its JSON log: (time, environment).
    func applies(in log: String) -> [(time: String, environment: String)] {
        log.split(separator: "\n").compactMap { line in
            guard let json = try? JSON(parsing: String(line)), json["object"] != nil,
                  ["Created", "Configured", "Pruned"].contains(json["message"]?.stringValue ?? ""),
                  let time = json["time"]?.stringValue, let environment = json["environment"]?.stringValue else { return nil }
            return (time, environment)
        }
    }

    /// Per environment, the replicas that applied it in time order, consecutive repeats folded:
    /// `["replica-a", "replica-b"]` is one handover; a replica that appears twice applied the
    /// environment again after another had, i.e. two appliers alternated.
    func appliers(_ logs: [String: String]) -> [String: [String]] {
        var events: [(time: String, environment: String, replica: String)] = []
        for (replica, log) in logs { events += applies(in: log).map { ($0.time, $0.environment, replica) } }
        var sequences: [String: [String]] = [:]
        for event in events.sorted(by: { $0.time < $1.time }) where sequences[event.environment]?.last != event.replica {
            sequences[event.environment, default: []].append(event.replica)
        }
        return sequences
    }

    /// A replica that holds nothing (one environment, two replicas) is ready once its claims are
    /// known, not a poll interval (here 5 minutes) later: the Lease rounds run beside the loop,
    /// and a poll that finds them not settled yet is looked at again within a second.
    @Test func aStandbyHoldingNothingIsReadySoon() async throws {
        try await withHarness { harness in
            let configuration = ServiceProcess.configuration(harness, interval: "5m", environments: [
                "develop": Self.environment("develop"),
            ], lease: Self.lease)
            let a = try await ServiceProcess.start(harness, configuration: configuration, name: "replica-a")
            do {
                try await a.waitUntilReady()
                #expect(try await holder(harness, "develop")?.hasPrefix("replica-a") == true)
                let b = try await ServiceProcess.start(harness, configuration: configuration, name: "replica-b")
                do {
                    try await b.waitUntilReady(timeout: .seconds(60))
                    #expect(try await holder(harness, "develop")?.hasPrefix("replica-a") == true, "the standby took nothing")
                } catch {
                    await b.stop()
                    throw error
                }
                await b.stop()
            } catch {
                await a.stop()
                throw error
            }
            await a.stop()
        }
    }

    @Test func twoReplicasShareTwoEnvironmentsAndTakeOverAfterKill9() async throws {
        try await withHarness { harness in
            let configuration = ServiceProcess.configuration(harness, interval: "5m", environments: [
                "develop": Self.environment("develop"), "master": Self.environment("master"),
            ], lease: Self.lease)
            let a = try await ServiceProcess.start(harness, configuration: configuration, name: "replica-a")
            let b = try await ServiceProcess.start(harness, configuration: configuration, name: "replica-b")
            do {
                // Spread: one environment each.
                try await poll(timeout: .seconds(90), "the replicas did not split the environments") {
                    let holders = [try await holder(harness, "develop"), try await holder(harness, "master")]
                    return holders.allSatisfy { $0 != nil } && Set(holders.compactMap { $0 }).count == 2
                }
                try await poll(timeout: .seconds(90), "the environments were not applied") {
                    let develop = try await harness.history("develop").records.count
                    let master = try await harness.history("master").records.count
                    return develop >= 1 && master >= 1
                }
                // Both ready, the one holding only one environment too.
                try await a.waitUntilReady()
                try await b.waitUntilReady()
                let developHolder = try await holder(harness, "develop")!
                let (victim, survivor) = developHolder.hasPrefix("replica-a") ? (a, b) : (b, a)

                // A push reaching the replica that does not hold master: it marks the holder's
                // identity Lease, and the holder reconciles master long before its 5-minute poll.
                let masterSettings = try harness.repository.read("environments/master/configmap.yaml")
                let masterCommit = try await harness.repository.commit("Master log level", files: [
                    "environments/master/configmap.yaml": masterSettings.replacingOccurrences(of: "DJANGO_SETTINGS_MODULE: \"mysite.settings\"", with: "DJANGO_SETTINGS_MODULE: \"mysite.settings_ha\""),
                ])
                let nonHolder = try await holder(harness, "master") == developHolder ? survivor : victim
                let asked = ContinuousClock.now
                #expect(try await nonHolder.pushFromGitHub(after: masterCommit, cloneURL: harness.repository.url).httpStatus == 202)
                try await poll(timeout: .seconds(60), "the holder of master was not asked to reconcile") {
                    try await harness.live("ConfigMap", "v1", namespace: "django-master", name: "django-settings")?[path: ["data", "DJANGO_SETTINGS_MODULE"]]?.stringValue == "mysite.settings_ha"
                }
                #expect(ContinuousClock.now - asked < .seconds(30))

                // kill -9 the develop holder with a change waiting: the other replica takes the
                // Lease once it expires and applies the change.
                let settings = try harness.repository.read("environments/develop/configmap.yaml")
                _ = try await harness.repository.commit("Debug off", files: [
                    "environments/develop/configmap.yaml": settings.replacingOccurrences(of: "DEBUG: \"True\"", with: "DEBUG: \"False\""),
                ])
                let killed = ContinuousClock.now
                let victimEnd = try await victim.kill9()
                #expect(victimEnd.status == .signalled(SIGKILL))
                // The push reaches the survivor, which does not hold develop yet: it asks the
                // holder (dead) and, once the Lease expires, takes it and reconciles.
                #expect(try await survivor.pushFromGitHub(after: "HEAD", cloneURL: harness.repository.url).httpStatus == 202)
                try await poll(timeout: .seconds(120), "the survivor did not take develop over") {
                    try await harness.live("ConfigMap", "v1", namespace: "django-develop", name: "django-settings")?[path: ["data", "DEBUG"]]?.stringValue == "False"
                }
                let takeover = ContinuousClock.now - killed
                // Taken once the dead holder's Lease expired (not grabbed while it renewed: more
                // than half the duration), and within the duration plus a pass on a loaded machine.
                #expect(takeover > Self.leaseDuration / 2 && takeover < Self.leaseDuration + .seconds(50),
                        "taken over in \(takeover): lease duration \(Self.leaseDuration) plus a pass")
                #expect(try await holder(harness, "develop") != developHolder)

                let survivorEnd = try await survivor.terminate()
                #expect(survivorEnd.status == .exited(0))
                // SIGTERM released the survivor's Leases: nobody holds them now.
                let developAfter = try await holder(harness, "develop")
                let masterAfter = try await holder(harness, "master")
                #expect(developAfter == nil && masterAfter == nil)
                // One applier at a time: each environment passed from one replica to the other at
                // most once (the spread when the second started, the takeover after the kill).
                let victimName = victim.child.pid == a.child.pid ? "replica-a" : "replica-b"
                let sequences = appliers([victimName: victimEnd.stderr, (victimName == "replica-a" ? "replica-b" : "replica-a"): survivorEnd.stderr])
                #expect(sequences["develop"]?.count == 2 && sequences["develop"]?.first == victimName, "\(sequences)")
                for (environment, replicas) in sequences {
                    #expect(Set(replicas).count == replicas.count, "\(environment) was applied by alternating replicas: \(replicas)")
                }
            } catch {
                await a.stop()
                await b.stop()
                throw error
            }
        }
    }
}
