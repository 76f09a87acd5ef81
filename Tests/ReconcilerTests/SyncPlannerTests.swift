import Manifests
import Testing
@testable import Reconciler

@Suite struct SyncPlannerTests {
    func object(_ apiVersion: String, _ kind: String, _ name: String, namespace: String? = "web", wave: String? = nil, argoWave: String? = nil) -> JSON {
        var object: JSON = ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": ["name": .string(name)]]
        if let namespace { object[path: ["metadata", "namespace"]] = .string(namespace) }
        if let wave { object[path: ["metadata", "annotations", "mooring.dev/sync-wave"]] = .string(wave) }
        if let argoWave { object[path: ["metadata", "annotations", "argocd.argoproj.io/sync-wave"]] = .string(argoWave) }
        return object
    }

    /// A live object the environment tracks, as listed by its labels.
    func tracked(_ object: JSON, prune: String? = nil) -> JSON {
        var object = object
        object[path: ["metadata", "labels"]] = ["app.kubernetes.io/managed-by": "mooring", "mooring.dev/environment": "develop"]
        object[path: ["metadata", "uid"]] = .string("u-" + object[path: ["metadata", "name"]]!.stringValue!)
        if let prune { object[path: ["metadata", "annotations", "mooring.dev/prune"]] = .string(prune) }
        return object
    }

    @Test func prepareAddsTrackingAndNamespacesOnlyWhereTheyBelong() throws {
        let crd: JSON = [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "backups.stash.dev"],
            "spec": ["group": "stash.dev", "names": ["kind": "Backup", "plural": "backups"], "scope": "Namespaced"],
        ]
        let rendered = [
            object("v1", "Namespace", "web", namespace: nil),
            object("rbac.authorization.k8s.io/v1", "ClusterRole", "reader", namespace: "ignored"),
            object("v1", "ConfigMap", "settings", namespace: nil),
            crd,
            object("stash.dev/v1", "Backup", "nightly", namespace: nil),
        ]
        let prepared = try DesiredState.prepare(rendered, environment: "develop", revision: "abc123", defaultNamespace: "shop")
        #expect(prepared.map { ObjectIdentity(of: $0)!.namespace } == [nil, nil, "shop", nil, "shop"])
        for object in prepared {
            #expect(object[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]] == "mooring")
            #expect(object[path: ["metadata", "labels", "mooring.dev/environment"]] == "develop")
            #expect(object[path: ["metadata", "annotations", "mooring.dev/revision"]] == "abc123")
        }
        #expect(throws: PlanError.unknownKind(object: ObjectIdentity(type: GroupVersionKind(apiVersion: "acme.io/v1", kind: "Widget"),
                                                                    namespace: "web", name: "w"))) {
            try DesiredState.prepare([object("acme.io/v1", "Widget", "w")], environment: "develop", revision: "r", defaultNamespace: "web")
        }
    }

    @Test func stepsFollowWavesThenKindOrderThenNames() throws {
        let desired = [
            object("networking.k8s.io/v1", "Ingress", "django"),
            object("apps/v1", "Deployment", "worker"),
            object("apps/v1", "Deployment", "django"),
            object("v1", "Service", "django"),
            object("v1", "ConfigMap", "settings"),
            object("v1", "Secret", "django"),
            object("v1", "Namespace", "web", namespace: nil),
            object("stash.dev/v1", "Backup", "nightly"),
            object("batch/v1", "Job", "migrate", wave: "-1"),
            object("v1", "ServiceAccount", "django"),
            object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "backups.stash.dev", namespace: nil),
            object("apps/v1", "Deployment", "late", argoWave: "5"),
            object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "reader", namespace: nil),
            object("v1", "PersistentVolumeClaim", "media"),
            object("autoscaling/v2", "HorizontalPodAutoscaler", "django"),
        ]
        let diff = try Differ().diff(environment: "develop", revision: "r1", desired: desired, live: [])
        let plan = try SyncPlanner.plan(diff, prune: true, allowEmpty: false)
        let steps = plan.applySteps.map { "\($0.wave) \($0.kind): " + $0.objects.map(\.identity.name).joined(separator: ",") }
        #expect(steps == [
            "-1 Job.batch: migrate",
            "0 Namespace: web",
            "0 CustomResourceDefinition.apiextensions.k8s.io: backups.stash.dev",
            "0 ClusterRoleBinding.rbac.authorization.k8s.io: reader",
            "0 ServiceAccount: django",
            "0 Secret: django",
            "0 ConfigMap: settings",
            "0 PersistentVolumeClaim: media",
            "0 Service: django",
            "0 Deployment.apps: django,worker",
            "0 HorizontalPodAutoscaler.autoscaling: django",
            "0 Ingress.networking.k8s.io: django",
            "0 Backup.stash.dev: nightly",
            "5 Deployment.apps: late",
        ])
        #expect(plan.applySteps.filter(\.isCustomResource).map(\.kind.kind) == ["Backup"])
    }

    @Test func onlyOutOfSyncObjectsAreApplied() throws {
        let desired = [object("v1", "ConfigMap", "same"), object("v1", "ConfigMap", "new")]
        let diff = try Differ().diff(environment: "develop", revision: "r", desired: desired, live: [tracked(object("v1", "ConfigMap", "same"))])
        let plan = try SyncPlanner.plan(diff, prune: true, allowEmpty: false)
        #expect(plan.objectsToApply.map(\.identity.name) == ["new"])
        #expect(plan.unchanged.map(\.name) == ["same"])
    }

    @Test func pruneRunsInReverseOrderAndKeepsProtectedObjects() throws {
        let live = [
            tracked(object("v1", "Namespace", "old", namespace: nil)),
            tracked(object("v1", "ConfigMap", "old-settings")),
            tracked(object("apps/v1", "Deployment", "old-api")),
            tracked(object("v1", "Service", "old-api")),
            tracked(object("v1", "PersistentVolumeClaim", "data"), prune: "false"),
            tracked(object("batch/v1", "Job", "seed", wave: "-2")),
        ]
        let diff = try Differ().diff(environment: "develop", revision: "r", desired: [object("v1", "ConfigMap", "kept-running")], live: live)
        let plan = try SyncPlanner.plan(diff, prune: true, allowEmpty: false)
        #expect(plan.prune.map(\.identity.description) == [
            "Deployment.apps web/old-api", "Service web/old-api", "ConfigMap web/old-settings", "Namespace old", "Job.batch web/seed",
        ])
        #expect(plan.kept == [KeptObject(identity: ObjectIdentity(of: live[4])!, reason: .annotated)])
        #expect(plan.pruneBlocked == nil)
    }

    @Test func nothingIsPrunedWhenPruneIsOffListingIsIncompleteOrTheRevisionIsEmpty() throws {
        let live = [tracked(object("v1", "ConfigMap", "a")), tracked(object("v1", "Secret", "b"))]
        let emptied = try Differ().diff(environment: "develop", revision: "r", desired: [], live: live)

        let empty = try SyncPlanner.plan(emptied, prune: true, allowEmpty: false)
        #expect(empty.prune.isEmpty)
        #expect(empty.pruneBlocked == .emptyRevision)
        #expect(empty.kept.count == 2)

        let allowed = try SyncPlanner.plan(emptied, prune: true, allowEmpty: true)
        #expect(allowed.prune.map(\.identity.name) == ["a", "b"])

        let off = try SyncPlanner.plan(emptied, prune: false, allowEmpty: true)
        #expect(off.prune.isEmpty && off.pruneBlocked == .disabled)

        let partial = try SyncPlanner.plan(emptied, prune: true, allowEmpty: true, liveListingComplete: false)
        #expect(partial.prune.isEmpty && partial.pruneBlocked == .incompleteListing)
    }

    @Test func badWaveAnnotationIsAnError() throws {
        let diff = try Differ().diff(environment: "develop", revision: "r", desired: [object("v1", "ConfigMap", "c", wave: "early")], live: [])
        let configMap = ObjectIdentity(type: GroupVersionKind(apiVersion: "v1", kind: "ConfigMap"), namespace: "web", name: "c")
        #expect(throws: PlanError.badSyncWave(object: configMap, annotation: "mooring.dev/sync-wave", value: "early")) {
            try SyncPlanner.plan(diff, prune: true, allowEmpty: false)
        }
    }
}
