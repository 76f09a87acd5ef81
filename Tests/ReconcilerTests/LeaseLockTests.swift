import Synchronization
import Foundation
import Manifests
@testable import Reconciler
import TestSupport
import Testing

/// Leases against the embedded cluster over HTTP, read back with the real kubectl: one holder at
/// a time, renewal, takeover after expiry, release.
@Suite struct LeaseLockTests {
    static let fast = LeaseTiming(duration: .seconds(2), renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(200))

    /// Renewals every 200 ms keep a 6 s Lease alive even on a loaded machine.
    static let patient = LeaseTiming(duration: .seconds(6), renewDeadline: .seconds(4), retryPeriod: .milliseconds(200))

    func lock(_ identity: String, _ cluster: ClusterFixture, name: String = "mooring-env-develop", timing: LeaseTiming = fast) -> LeaseLock {
        LeaseLock(name: name, namespace: "mooring-system", identity: identity, cluster: cluster.client, timing: timing)
    }

    @Test func oneHolderAtATimeAndKubectlReadsTheLeaseAsAServerWrotesIt() async throws {
        try await withCluster { cluster in
            let a = lock("runner-a", cluster), b = lock("runner-b", cluster)
            try await a.acquire(wait: false)
            let held = try await #require(try await b.tryAcquire())
            #expect(held.record.holderIdentity == "runner-a")
            await #expect(throws: LeaseHeld.self) { try await b.acquire(wait: false) }

            let got = try await cluster.kubectl("get", "lease", "-n", "mooring-system", "mooring-env-develop", "-o", "json")
            #expect(got.status == 0, "\(got.stderr)")
            let lease = try JSON(parsing: Array(got.stdout.utf8))
            #expect(lease[path: ["spec", "holderIdentity"]] == "runner-a")
            #expect(lease[path: ["spec", "leaseDurationSeconds"]] == 2)
            #expect(lease[path: ["metadata", "labels", Tracking.managedByLabel]] == "mooring")
            #expect(lease[path: ["spec", "leaseTransitions"]] == 0)
            let renew = try #require(lease[path: ["spec", "renewTime"]]?.stringValue)
            #expect(renew.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"#, options: .regularExpression) != nil, "MicroTime: \(renew)")
            await a.release()
        }
    }

    @Test func theHolderRenewsSoAWaiterNeverTakesItWhileItLives() async throws {
        try await withCluster { cluster in
            let a = lock("runner-a", cluster, timing: Self.patient), b = lock("runner-b", cluster, timing: Self.patient)
            try await a.acquire(wait: false)
            let clock = ContinuousClock(), end = clock.now + .seconds(8)
            while clock.now < end {
                #expect(try await b.tryAcquire()?.record.holderIdentity == "runner-a")
                try await Task.sleep(for: .milliseconds(300))
            }
            let (held, lost) = (await a.isHeld, await a.lost)
            #expect(held && lost == nil)
            await a.release()
            #expect(try await b.tryAcquire() == nil, "a released Lease is taken at once")
            await b.release()
        }
    }

    /// client-go's fast path: the holder writes each renewal over the record it wrote last,
    /// without reading the Lease first; someone else's write in between sends it back to reading.
    @Test func theHolderRenewsWithOneWriteAndNoReadUntilSomeoneElseWrites() async throws {
        try await withCluster { cluster in
            let counting = CountingClusterClient(cluster.client)
            let a = LeaseLock(name: "mooring-env-develop", namespace: "mooring-system", identity: "runner-a", cluster: counting,
                              timing: Self.patient)
            try await a.acquire(wait: false)
            let before = counting.counts
            #expect(try await eventually(timeout: .seconds(60)) { counting.counts.otherWrites >= before.otherWrites + 3 })
            let renewed = counting.counts
            #expect(renewed.gets == before.gets, "renewals read nothing: \(before) → \(renewed)")

            // Another writer bumps the Lease (an annotation): the next renewal's write conflicts,
            // so the holder reads it, finds itself the holder still, and renews.
            let identity = ObjectIdentity(type: GroupVersionKind(group: "coordination.k8s.io", version: "v1", kind: "Lease"),
                                          namespace: "mooring-system", name: "mooring-env-develop")
            var lease = try #require(try await cluster.client.get(identity))
            lease[path: ["metadata", "annotations", "example.com/touched"]] = "yes"
            _ = try await cluster.client.replace(lease)
            #expect(try await eventually(timeout: .seconds(60)) { counting.counts.gets > renewed.gets })
            let afterRead = counting.counts
            #expect(try await eventually(timeout: .seconds(60)) { counting.counts.otherWrites > afterRead.otherWrites }, "renewing goes on")
            let (held, lost) = (await a.isHeld, await a.lost)
            #expect(held && lost == nil)
            await a.release()
        }
    }

    @Test func aHolderThatStopsRenewingIsTakenOverAfterTheLeaseDuration() async throws {
        try await withCluster { cluster in
            // A holder that died (kill -9): its Lease is there, renewed by nobody.
            let dead = LeaseRecord(holderIdentity: "crashed-runner", leaseDurationSeconds: 2, acquireTime: Date(), renewTime: Date(), leaseTransitions: 4)
            let object: JSON = ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                                "metadata": ["name": "mooring-env-develop", "namespace": "mooring-system"], "spec": dead.spec]
            _ = try await cluster.client.apply(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "mooring-system"]],
                                               fieldManager: "test", force: true, dryRun: false)
            _ = try await cluster.client.create(object)
            let b = lock("runner-b", cluster)
            let clock = ContinuousClock(), start = clock.now
            let lines = LockedLines()
            try await b.acquire(wait: true, progress: { lines.append($0) })
            #expect(clock.now - start >= .seconds(2), "waited the Lease's duration")
            #expect(lines.all.first?.contains("is held by crashed-runner since") == true, "\(lines.all)")
            let lease = try #require(try await cluster.client.get(ObjectIdentity(of: object)!))
            #expect(lease[path: ["spec", "holderIdentity"]] == "runner-b")
            #expect(lease[path: ["spec", "leaseTransitions"]] == 5)
            await b.release()
        }
    }

    /// A renewal cancelled by `release` can reach the server without its answer reaching the
    /// holder; the release then conflicts. It reads the Lease again and still gives it up, so the
    /// next applier does not wait out the duration (seen in CI: a `sync` right after `run --once`).
    @Test func releaseGivesTheLeaseUpEvenAfterAWriteItDidNotSee() async throws {
        try await withCluster { cluster in
            let a = lock("runner-a", cluster, timing: Self.patient)
            try await a.acquire(wait: false)
            let identity = ObjectIdentity(type: GroupVersionKind(group: "coordination.k8s.io", version: "v1", kind: "Lease"),
                                          namespace: "mooring-system", name: "mooring-env-develop")
            var lease = try #require(try await cluster.client.get(identity))
            lease[path: ["metadata", "annotations", "example.test/renewed-unseen"]] = "yes"
            let unseen = try await cluster.client.replace(lease)
            #expect(unseen[path: ["spec", "holderIdentity"]] == "runner-a")
            await a.release()
            let released = try #require(try await cluster.client.get(identity))
            #expect(released[path: ["spec", "holderIdentity"]]?.stringValue ?? "" == "", "\(released)")
            let b = lock("runner-b", cluster, timing: Self.patient)
            #expect(try await b.tryAcquire() == nil, "the next applier takes it at once")
            await b.release()
        }
    }

    /// A replica spreading environments gives back only a Lease no operation works under: an
    /// apply still running would go on without it while the next holder applies too (at start,
    /// when the first replica took every environment before the second came). An operation whose
    /// Lease is given back all the same (a release already under way) stops at its next step.
    @Test func aLeaseInUseIsNotGivenBackAndOneGivenBackInterruptsItsOperation() async throws {
        try await withCluster { cluster in
            let a = lock("runner-a", cluster, timing: Self.patient), b = lock("runner-b", cluster, timing: Self.patient)
            let operation = EnvironmentLock(lease: a, wait: false, tenure: .untilReleased)
            try await operation.hold(environment: "develop", progress: SyncProgress { _ in })
            #expect(await a.releaseIfUnused() == false, "an apply works under it")
            #expect(try await b.tryAcquire()?.record.holderIdentity == "runner-a")
            #expect(await operation.interruption() == nil)
            await operation.finish()
            #expect(await a.isHeld, "an operation of run's tenure leaves it held")
            #expect(await a.releaseIfUnused())
            #expect(try await b.tryAcquire() == nil, "given back: taken at once")
            await b.release()

            try await operation.hold(environment: "develop", progress: SyncProgress { _ in })
            await a.release()
            #expect(await operation.interruption()?.contains("given back") == true)
            await operation.finish()
        }
    }

    /// client-go's leader gives up once `renewDeadline` passes without a successful renewal,
    /// whether its requests failed or never came back (`renew` polls under a context with that
    /// timeout). A renewal the server sits on for 20 s must not leave the holder applying while a
    /// standby may take the Lease over.
    @Test func aRenewalThatHangsPastTheRenewDeadlineStopsTheOperation() async throws {
        try await withCluster { cluster in
            let a = lock("runner-a", cluster, timing: Self.patient)
            let operation = EnvironmentLock(lease: a, wait: false, tenure: .untilReleased)
            try await operation.hold(environment: "develop", progress: SyncProgress { _ in })
            #expect(await operation.interruption() == nil)
            try await cluster.setFaults(#"{"rules": [{"verbs": ["update"], "pathPrefix": "/apis/coordination.k8s.io/", "latencyMilliseconds": 20000}]}"#)
            let clock = ContinuousClock(), hung = clock.now
            #expect(try await eventually(timeout: .seconds(15)) { await operation.interruption() != nil })
            #expect(clock.now - hung < .seconds(10), "stopped before the 6 s Lease could be taken over by much")
            let reason = await operation.interruption() ?? ""
            #expect(reason.contains("was not renewed for 4s"), "\(reason)")
            #expect(await a.overdue != nil)
            try await cluster.setFaults(#"{"rules": []}"#)
            await operation.finish()
        }
    }

    @Test func ofTwoContendersForAFreeLeaseExactlyOneWins() async throws {
        try await withCluster { cluster in
            for round in 0..<5 {
                let name = "mooring-env-race-\(round)"
                let locks = (0..<4).map { lock("runner-\($0)", cluster, name: name) }
                let results = await withTaskGroup(of: Bool.self) { group in
                    for lock in locks { group.addTask { (try? await lock.tryAcquire()) == nil } }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(results.filter { $0 }.count == 1, "round \(round): \(results)")
                for lock in locks { await lock.release() }
            }
        }
    }
}

/// Progress lines collected from a `@Sendable` callback.
final class LockedLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
