import Foundation
import Manifests
@testable import Reconciler
import Testing

/// Who may change a declared object: pure decisions on the live object's labels, owner
/// annotation and field managers.
@Suite struct OwnershipPolicyTests {
    let owner = Owner(installation: "default", environment: "develop")

    func live(_ name: String, labels: [String: String] = [:], annotations: [String: String] = [:], managers: [String] = []) -> JSON {
        var object = Manifest.configMap(name, namespace: "shop", annotations: annotations)
        for (key, value) in labels { object[path: ["metadata", "labels", key]] = .string(value) }
        object[path: ["metadata", "managedFields"]] = .array(managers.map { ["manager": .string($0), "operation": "Update", "apiVersion": "v1"] })
        return object
    }

    func prepared(_ objects: [JSON], installation: String = "default") throws -> [JSON] {
        try DesiredState.prepare(objects, environment: "develop", revision: "abc", defaultNamespace: "shop", installation: installation)
    }

    @Test func liveClaimsReadLabelsAndTheOwnerAnnotation() {
        let tracked = [Tracking.managedByLabel: "mooring", Tracking.environmentLabel: "develop"]
        #expect(LiveClaim(of: live("a"), for: owner) == .unmanaged)
        #expect(LiveClaim(of: live("a", labels: tracked), for: owner) == .ours, "tracked before owner annotations existed")
        #expect(LiveClaim(of: live("a", labels: tracked, annotations: [Tracking.ownerAnnotation: "default/develop"]), for: owner) == .ours)
        #expect(LiveClaim(of: live("a", labels: tracked, annotations: [Tracking.ownerAnnotation: "team-b/develop"]), for: owner)
                == .other(Owner(installation: "team-b", environment: "develop")))
        #expect(LiveClaim(of: live("a", labels: [Tracking.managedByLabel: "mooring", Tracking.environmentLabel: "master"]), for: owner)
                == .other(Owner(installation: "default", environment: "master")))
    }

    @Test func aHandMadeObjectIsAConflictNamingItsManagersUnlessAdoptionIsAsked() throws {
        let desired = try prepared([Manifest.configMap("settings", namespace: "shop")])
        let existing = live("settings", managers: ["kubectl-client-side-apply", "kubectl-edit", "kubectl-client-side-apply"])
        let differ = Differ()
        let policy = OwnershipPolicy(owner: owner)
        let stamped = policy.stamp(desired, live: [ObjectIdentity(of: existing)!: existing])
        let diff = policy.review(try differ.diff(environment: "develop", revision: "abc", desired: stamped, live: [existing]), differ: differ)
        let object = try #require(diff.objects.first)
        #expect(object.status == .conflict)
        #expect(object.conflict?.reason == .notAdopted(managers: ["kubectl-client-side-apply", "kubectl-edit"]))
        #expect(object.conflict?.description.contains("ConfigMap shop/settings exists and is not managed by mooring (field managers: kubectl-client-side-apply, kubectl-edit)") == true)
        #expect(!diff.isSynced)

        for (adoptAll, annotated) in [(true, false), (false, true)] {
            var objects = [Manifest.configMap("settings", namespace: "shop", annotations: annotated ? [Tracking.adoptAnnotation: "true"] : [:])]
            objects = try prepared(objects)
            let policy = OwnershipPolicy(owner: owner, adoptAll: adoptAll)
            let stamped = policy.stamp(objects, live: [ObjectIdentity(of: existing)!: existing])
            #expect(stamped[0][path: ["metadata", "annotations", Tracking.originAnnotation]] == "adopted")
            let adopted = policy.review(try differ.diff(environment: "develop", revision: "abc", desired: stamped, live: [existing]), differ: differ)
            #expect(adopted.objects.first?.status == .outOfSync(.adopt))
        }
    }

    @Test func anObjectAnotherOwnerHoldsIsAConflictAndItsLookalikeIsNeverPruned() throws {
        let theirs = live("shared", labels: [Tracking.managedByLabel: "mooring", Tracking.environmentLabel: "develop"],
                          annotations: [Tracking.ownerAnnotation: "team-b/develop"])
        let onlyTheirs = live("theirs-only", labels: [Tracking.managedByLabel: "mooring", Tracking.environmentLabel: "develop"],
                              annotations: [Tracking.ownerAnnotation: "team-b/develop"])
        let differ = Differ()
        let policy = OwnershipPolicy(owner: owner, adoptAll: true)
        let desired = try prepared([Manifest.configMap("shared", namespace: "shop")])
        let diff = policy.review(try differ.diff(environment: "develop", revision: "abc", desired: desired, live: [theirs, onlyTheirs]), differ: differ)
        #expect(diff.objects.map(\.identity.name) == ["shared"], "the other installation's object is not a prune candidate")
        #expect(diff.objects[0].conflict?.reason == .ownedBy(Owner(installation: "team-b", environment: "develop")))
    }

    @Test func originIsKeptFromTheLiveObjectAndCreatedForNewOnes() throws {
        let policy = OwnershipPolicy(owner: owner)
        let desired = try prepared([Manifest.configMap("a", namespace: "shop"), Manifest.configMap("b", namespace: "shop")])
        let adoptedBefore = live("a", labels: [Tracking.managedByLabel: "mooring", Tracking.environmentLabel: "develop"],
                                 annotations: [Tracking.originAnnotation: "adopted"])
        let stamped = policy.stamp(desired, live: [ObjectIdentity(of: adoptedBefore)!: adoptedBefore])
        #expect(stamped.map { $0[path: ["metadata", "annotations", Tracking.originAnnotation]] } == ["adopted", "created"])
        #expect(stamped[0][path: ["metadata", "annotations", Tracking.ownerAnnotation]] == "default/develop")
    }

    @Test func theTransferMergesPreviousAppliersIntoMooringsApplyEntryAndDropsLastApplied() throws {
        var object = Manifest.configMap("settings", namespace: "shop", annotations: [Tracking.lastAppliedAnnotation: "{}"])
        object[path: ["metadata", "resourceVersion"]] = "42"
        object[path: ["metadata", "managedFields"]] = [
            ["manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "v1", "time": "2024-01-01T00:00:00Z",
             "fieldsType": "FieldsV1", "fieldsV1": ["f:data": [".": [:], "f:a": [:]],
                                                    "f:metadata": ["f:annotations": [".": [:], "f:kubectl.kubernetes.io/last-applied-configuration": [:]]]]],
            ["manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1", "fieldsType": "FieldsV1",
             "fieldsV1": ["f:metadata": ["f:labels": ["f:x": [:]]]]],
            ["manager": "helm", "operation": "Update", "apiVersion": "v1", "subresource": "status", "fieldsType": "FieldsV1",
             "fieldsV1": ["f:status": [:]]],
            ["manager": "flux", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": ["f:data": ["f:b": [:]]]],
        ]
        let transfer = FieldOwnershipTransfer(adoptFrom: ["flux"])
        let patch = try #require(transfer.patch(for: object)?.arrayValue)
        #expect(patch[0] == ["op": "test", "path": "/metadata/resourceVersion", "value": "42"])
        #expect(patch[2] == ["op": "remove", "path": "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"])
        let entries = try #require(patch[1]["value"]?.arrayValue)
        #expect(entries.compactMap { $0["manager"]?.stringValue } == ["kube-controller-manager", "helm", "mooring"],
                "other managers and subresource entries stay; the previous appliers become one mooring Apply entry")
        let ours = try #require(entries.last)
        #expect(ours["operation"] == "Apply")
        #expect(ours["fieldsV1"] == ["f:data": [".": [:], "f:a": [:], "f:b": [:]], "f:metadata": ["f:annotations": [".": [:]]]])
        #expect(transfer.transferred(object)[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] == nil)
        #expect(FieldOwnershipTransfer().patch(for: Manifest.configMap("plain")) == nil, "nothing to move")
    }

    @Test func twoEnvironmentsDeclaringOneObjectAreNamedWithBothPlaces() {
        let identity = ObjectIdentity(of: Manifest.configMap("settings", namespace: "shared"))!
        let check = SiblingDeclarations(own: [identity: SourceLocation(file: "environments/develop/shared.yaml", line: 3)],
                                        environment: "develop", cluster: "local")
        let overlaps = check.overlaps(with: "master", declaring: [identity: SourceLocation(file: "environments/master/shared.yaml", line: 7)])
        #expect(overlaps == ["environments/develop/shared.yaml:3: ConfigMap shared/settings is declared by environment develop and by environment master (environments/master/shared.yaml:7), both moored to cluster local; an object has one owner: remove it from one of them"])
    }

    @Test func aNamespaceHoldingForeignObjectsIsKeptAndTheRestIsPruned() throws {
        let namespace = Manifest.namespace("shop")
        var tracked = namespace
        tracked[path: ["metadata", "labels", Tracking.managedByLabel]] = "mooring"
        tracked[path: ["metadata", "labels", Tracking.environmentLabel]] = "develop"
        var settings = Manifest.configMap("old", namespace: "other")
        settings[path: ["metadata", "labels"]] = tracked[path: ["metadata", "labels"]]
        let handmade = ObjectIdentity(of: Manifest.configMap("handmade", namespace: "shop"))!
        var diff = try Differ().diff(environment: "develop", revision: "abc", desired: [], live: [tracked, settings])
        diff.objects[diff.objects.firstIndex { $0.identity.kind == "Namespace" }!].contents = NamespaceContents(foreign: [handmade])
        let plan = try SyncPlanner.plan(diff, prune: true, allowEmpty: true)
        #expect(plan.prune.map(\.identity.name) == ["old"])
        #expect(plan.kept.map(\.identity.name) == ["shop"])
        #expect(plan.kept[0].reason == "not pruned: it holds 1 object this environment does not track: ConfigMap shop/handmade")
        #expect(plan.kept[0].holds == [handmade])
    }
}
