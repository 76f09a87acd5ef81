import Foundation
import Manifests
import Testing
@testable import Reconciler

@Suite struct DifferTests {
    let differ = Differ()
    var desired: JSON { Fixtures.json(Fixtures.desiredDeployment) }
    var live: JSON { Fixtures.json(Fixtures.liveDeployment) }

    @Test func unchangedDeploymentIsSyncedDespiteDefaultsStatusOrderAndQuantities() {
        // Live has defaults, status, server metadata, containers in another order, `500m` for
        // `0.5`, `"1"` for `1`, `protocol: TCP` the manifest omits, and an older revision annotation.
        let result = differ.diff(desired: desired, live: live)
        #expect(result.status == .synced, "\(result.debugDescription)")
        #expect(result.changes.isEmpty)
        #expect(!result.needsDryRunConfirmation)
    }

    @Test func missingObjectIsToCreate() {
        let result = differ.diff(desired: desired, live: nil)
        #expect(result.status == .outOfSync(.create))
        #expect(result.desired == desired)
    }

    @Test func changedImageIsReportedAtItsKeyedPath() {
        var changed = desired
        var containers = changed[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        containers[0]["image"] = "registry.local/django-admin:1.5.0"
        changed[path: ["spec", "template", "spec", "containers"]] = .array(containers)

        let result = differ.diff(desired: changed, live: live)
        #expect(result.status == .outOfSync(.configure))
        #expect(result.needsDryRunConfirmation)
        #expect(result.changes.count == 1)
        let change = result.changes[0]
        #expect(change.path.description == "spec.template.spec.containers[name=web].image")
        #expect(change.kind == .changed)
        #expect(change.old == "registry.local/django-admin:1.4.0")
        #expect(change.new == "registry.local/django-admin:1.5.0")
    }

    @Test func scaledByHandIsDriftUnlessIgnored() {
        var scaled = live
        scaled[path: ["spec", "replicas"]] = 5
        let drift = differ.diff(desired: desired, live: scaled)
        #expect(drift.status == .outOfSync(.configure))
        #expect(drift.changes.map(\.description) == ["spec.replicas: 5 → 2"])

        let ignoring = Differ(ignoreDifferences: [IgnoreDifferenceRule(group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"])])
        let ignored = ignoring.diff(desired: desired, live: scaled)
        #expect(ignored.status == .synced)
        // The apply keeps the autoscaler's value instead of resetting it.
        #expect(ignored.desired?[path: ["spec", "replicas"]] == 5)

        let otherKind = Differ(ignoreDifferences: [IgnoreDifferenceRule(kind: "StatefulSet", jsonPointers: ["/spec/replicas"])])
        #expect(otherKind.diff(desired: desired, live: scaled).status == .outOfSync(.configure))
    }

    @Test func fieldMooringOwnedButNoLongerDesiredIsARemoval() {
        var trimmed = desired
        var containers = trimmed[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        var env = containers[0]["env"]!.arrayValue!
        env.removeAll { $0["name"] == "DJANGO_ALLOWED_HOSTS" }
        containers[0]["env"] = .array(env)
        containers.remove(at: 1) // the nginx sidecar
        trimmed[path: ["spec", "template", "spec", "containers"]] = .array(containers)
        trimmed[path: ["metadata", "labels", "app"]] = nil

        let result = differ.diff(desired: trimmed, live: live)
        #expect(result.status == .outOfSync(.configure))
        let paths = Set(result.changes.map(\.path.description))
        #expect(paths == [
            "metadata.labels.app",
            "spec.template.spec.containers[name=web].env[name=DJANGO_ALLOWED_HOSTS]",
            "spec.template.spec.containers[name=nginx]",
        ])
        #expect(result.changes.allSatisfy { $0.kind == .removed && $0.new == nil })
    }

    @Test func fieldsOwnedByOthersAreNotRemovals() {
        // Another manager added an annotation and a container env var; desired never set them.
        var edited = live
        edited[path: ["metadata", "annotations", "team"]] = "payments"
        var containers = edited[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        var env = containers[1]["env"]!.arrayValue!
        env.append(["name": "EXTRA", "value": "1"])
        containers[1]["env"] = .array(env)
        edited[path: ["spec", "template", "spec", "containers"]] = .array(containers)
        #expect(differ.diff(desired: desired, live: edited).status == .synced)
    }

    @Test func quantitiesCompareByValue() {
        func value(_ json: JSON) -> Decimal? { KubeQuantity(json)?.value }
        #expect(value("1000m") == value("1"))
        #expect(value("1Gi") == value("1024Mi"))
        #expect(value("0.5") == value("500m"))
        #expect(value(.int(2)) == value("2"))
        #expect(value("1e3") == value("1k"))
        #expect(value("1Gi") != value("1G"))
        #expect(value("12x") == nil)
        #expect(value("abc") == nil)

        var moreMemory = desired
        var containers = moreMemory[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        containers[0][path: ["resources", "limits", "memory"]] = "2Gi"
        moreMemory[path: ["spec", "template", "spec", "containers"]] = .array(containers)
        let result = differ.diff(desired: moreMemory, live: live)
        #expect(result.changes.map(\.description) == [#"spec.template.spec.containers[name=web].resources.limits.memory: "1Gi" → "2Gi""#])
    }

    @Test func intOrStringIsNotFoldedOutsideQuantities() {
        // maxSurge "1" and 1 are different values to the API server (a string stays a string).
        var withSurge = desired
        withSurge[path: ["spec", "strategy"]] = ["rollingUpdate": ["maxSurge": 1]]
        var liveWithSurge = live
        liveWithSurge[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] = "1"
        #expect(differ.diff(desired: withSurge, live: liveWithSurge).status == .outOfSync(.configure))
        liveWithSurge[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] = 1
        #expect(differ.diff(desired: withSurge, live: liveWithSurge).status == .synced)
    }

    @Test func zeroValuesTheServerOmitsAreNotDrift() {
        var explicit = desired
        explicit[path: ["spec", "template", "spec", "hostNetwork"]] = false
        explicit[path: ["spec", "template", "spec", "nodeSelector"]] = [:]
        explicit[path: ["metadata", "creationTimestamp"]] = nil
        explicit[path: ["spec", "template", "metadata", "creationTimestamp"]] = .null
        #expect(differ.diff(desired: explicit, live: live).status == .synced)
    }
}
