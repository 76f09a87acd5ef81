import Manifests
import Testing
@testable import Reconciler

@Suite struct EnvironmentDiffTests {
    let differ = Differ()

    func configMap(_ name: String, environment: String? = "develop", data: JSON = ["k": "v"]) -> JSON {
        var object: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "web"], "data": data]
        if let environment {
            object[path: ["metadata", "labels"]] = ["app.kubernetes.io/managed-by": "mooring", "mooring.dev/environment": .string(environment)]
        }
        return object
    }

    @Test func everyObjectGetsAVerdictAndOnlyThisEnvironmentsTrackedLeftoversArePruned() throws {
        let desired = [configMap("same"), configMap("changed", data: ["k": "new"]), configMap("new")]
        let live = [
            configMap("same"), configMap("changed"),
            configMap("gone"),                          // tracked by develop: prune
            configMap("other-env", environment: "master"), // another environment's: untouched
            configMap("hand-made", environment: nil),    // never tracked: untouched
        ]
        let diff = try differ.diff(environment: "develop", revision: "abc1234def", desired: desired, live: live)
        #expect(diff.objects.map(\.identity.name) == ["same", "changed", "new", "gone"])
        #expect(diff.objects.map(\.status) == [.synced, .outOfSync(.configure), .outOfSync(.create), .prune])
        #expect(!diff.isSynced)
        #expect(diff.needingDryRun.map(\.identity.name) == ["changed"])
        #expect(diff.description == "develop @ abc1234: 1 to create, 1 to configure, 1 to prune, 1 synced")
    }

    @Test func duplicateAndNamelessObjectsAreRejected() {
        #expect(throws: DiffError.duplicate(ObjectIdentity(of: configMap("a"))!)) {
            try differ.diff(environment: "develop", revision: "r", desired: [configMap("a"), configMap("a")], live: [])
        }
        #expect(throws: DiffError.unidentifiable(index: 0)) {
            try differ.diff(environment: "develop", revision: "r", desired: [["kind": "ConfigMap"]], live: [])
        }
    }

    @Test func dryRunResultSettlesASuspectedDifference() throws {
        // Desired sets a field a mutating webhook rewrites: the walk suspects drift, the dry run
        // shows the server would store exactly what is live, so it is not drift.
        let desired = configMap("c", data: ["k": "v", "mode": "fast"])
        var live = configMap("c", data: ["k": "v", "mode": "FAST"])
        live[path: ["metadata", "resourceVersion"]] = "10"
        live[path: ["metadata", "uid"]] = "u1"
        let suspected = differ.diff(desired: desired, live: live)
        #expect(suspected.needsDryRunConfirmation)

        var dryRun = live
        dryRun[path: ["metadata", "annotations", "mooring.dev/revision"]] = "new-revision"
        dryRun[path: ["metadata", "managedFields"]] = [["manager": "mooring", "operation": "Apply", "time": "2026-11-26T09:00:00Z"]]
        let settled = differ.confirm(suspected, dryRunResult: dryRun)
        #expect(settled.status == .synced)
        #expect(!settled.needsDryRunConfirmation)

        var realChange = dryRun
        realChange[path: ["data", "extra"]] = "1"
        realChange[path: ["data", "k"]] = nil
        let confirmed = differ.confirm(suspected, dryRunResult: realChange)
        #expect(confirmed.status == .outOfSync(.configure))
        #expect(Set(confirmed.changes.map(\.description)) == [#"data.extra: + "1""#, #"data.k: - "v""#])

        let environmentDiff = try differ.diff(environment: "develop", revision: "r", desired: [desired], live: [live])
        let settledEnvironment = differ.confirm(environmentDiff, dryRunResults: [suspected.identity: dryRun])
        #expect(settledEnvironment.isSynced)
    }
}
