import Foundation
import Manifests
import Testing
@testable import Reconciler

@Suite struct ChangeSetTests {
    func configMap(_ name: String, _ value: String = "v", tracked: Bool = false, keep: Bool = false) -> JSON {
        var object: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "web"], "data": ["k": .string(value)]]
        if tracked { object[path: ["metadata", "labels"]] = ["app.kubernetes.io/managed-by": "mooring", "mooring.dev/environment": "develop"] }
        if keep { object[path: ["metadata", "annotations", "mooring.dev/prune"]] = "false" }
        return object
    }

    @Test func plannedChangeSetBecomesAHistoryRecord() throws {
        let desired = [configMap("new"), configMap("changed", "v2"), configMap("same")]
        let live = [configMap("changed", tracked: true), configMap("same", tracked: true),
                    configMap("old", tracked: true), configMap("pinned", tracked: true, keep: true)]
        let diff = try Differ().diff(environment: "develop", revision: "c0ffee0123", desired: desired, live: live)
        let plan = try SyncPlanner.plan(diff, prune: true, allowEmpty: false)
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        var changes = ChangeSet(planned: plan, dryRun: false, startedAt: start)
        #expect(changes.entries.map(\.description) == [
            "ConfigMap web/changed Configured", "ConfigMap web/new Created", "ConfigMap web/same Unchanged",
            "ConfigMap web/old Pruned", #"ConfigMap web/pinned Kept: annotated mooring.dev/prune: "false""#,
        ])
        #expect(changes.entries[0].changes.map(\.description) == [#"data.k: "v" → "v2""#])
        #expect(changes.hasChanges && changes.succeeded)

        let identities = desired.map { ObjectIdentity(of: $0)! }
        let liveAfter = Dictionary(uniqueKeysWithValues: identities.map { ($0, configMap($0.name)) })
        changes.record(EnvironmentHealth(identities: identities, live: liveAfter))
        #expect(changes.entries.first?.health?.status == .healthy)
        #expect(changes.description == "develop @ c0ffee0: 1 created, 1 configured, 1 pruned, 0 failed, 1 unchanged; Healthy")

        let record = changes.historyRecord(time: start, message: "synced")
        #expect(record.result == .succeeded && record.health == .healthy && record.operation == .sync)
        #expect(record.created == ObjectTally(count: 1, names: ["ConfigMap web/new"]))
        #expect(record.configured.count == 1 && record.pruned.names == ["ConfigMap web/old"])

        changes.markFailed(identities[0], message: #"ConfigMap "new" is invalid: data: Invalid value"#)
        #expect(!changes.succeeded)
        #expect(changes.historyRecord(time: start, message: "failed").result == .failed)
    }
}
