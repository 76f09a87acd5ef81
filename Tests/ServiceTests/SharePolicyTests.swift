import Testing
@testable import Service

/// How replicas spread environments, decided from one census of the Leases.
@Suite struct SharePolicyTests {
    let policy = SharePolicy(identity: "a", liveWithin: 15, freshWithin: 4)
    let environments = ["develop", "master", "staging"]

    @Test func theShareIsTheCeilingOverLiveReplicas() {
        #expect(policy.share(of: environments, census: LeaseCensus(replicas: [], holders: [:])) == 3, "alone, everything")
        let two = LeaseCensus(replicas: [.init(identity: "a", age: 1), .init(identity: "b", age: 1)], holders: [:])
        #expect(policy.share(of: environments, census: two) == 2)
        let deadThird = LeaseCensus(replicas: two.replicas + [.init(identity: "c", age: 20)], holders: [:])
        #expect(policy.share(of: environments, census: deadThird) == 2, "a replica silent for a lease duration does not count")
        let three = LeaseCensus(replicas: two.replicas + [.init(identity: "c", age: 3)], holders: [:])
        #expect(policy.share(of: environments, census: three) == 1)
    }

    @Test func surplusGoesBackOnlyToAPromptReplicaUnderItsShare() {
        let held = ["develop", "master", "staging"]
        let newcomer = LeaseCensus(replicas: [.init(identity: "a", age: 1), .init(identity: "b", age: 1)],
                                   holders: ["develop": "a", "master": "a", "staging": "a"])
        #expect(policy.surplus(held: held, environments: environments, census: newcomer) == ["staging"], "the last configured")
        let dying = LeaseCensus(replicas: [.init(identity: "a", age: 1), .init(identity: "b", age: 10)],
                                holders: ["develop": "a", "master": "a", "staging": "a"])
        #expect(policy.surplus(held: held, environments: environments, census: dying).isEmpty,
                "b still counts for the share but has not renewed for two retry periods: keep serving")
        let busy = LeaseCensus(replicas: [.init(identity: "a", age: 1), .init(identity: "b", age: 1)],
                               holders: ["develop": "a", "master": "b", "staging": "b"])
        #expect(policy.surplus(held: ["develop"], environments: environments, census: busy).isEmpty)
    }

    @Test func onlyNewMarksOnHeldEnvironmentsAreRequests() {
        let census = LeaseCensus(replicas: [.init(identity: "a", age: 1, requests: ["develop": "t2 b", "master": "t1 b"])], holders: [:])
        #expect(policy.requests(held: ["develop", "master"], census: census, seen: ["master": "t1 b"]) == ["develop": "t2 b"])
        #expect(policy.requests(held: ["master"], census: census, seen: [:]) == ["master": "t1 b"])
        #expect(policy.requests(held: [], census: census, seen: [:]).isEmpty)
    }

    @Test func replicaLeaseNamesAreDNSLabels() {
        #expect(ReplicaMembership.leaseName(of: "mooring-7d9f6c-x2k4q") == "mooring-replica-mooring-7d9f6c-x2k4q")
        #expect(ReplicaMembership.leaseName(of: "Build_4242_9F3A") == "mooring-replica-build-4242-9f3a")
        #expect(ReplicaMembership.leaseName(of: String(repeating: "x", count: 80)).count == 63)
    }
}
