import Foundation
import Manifests
import MergePatch
import Testing
@testable import Reconciler

/// The repository's own sample: `mooring.yaml` and the kustomize overlays of `environments/`,
/// read from disk, rendered by kubectl kustomize, and taken through the pure pipeline (prepare →
/// diff → plan).
@Suite struct SampleEnvironmentTests {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    @Test func sampleConfigurationIsValid() throws {
        let configuration = try MooringConfiguration(contentsOf: SampleEnvironmentTests.root + "/mooring.yaml")
        #expect(configuration.environments.map(\.name) == ["develop", "master"])
        #expect(configuration.environment(named: "master")?.rollbackOnFailure == true)
        #expect(configuration.environments.allSatisfy { $0.cluster == .local && $0.prune })
    }

    @Test(arguments: ["develop", "master"])
    func firstSyncPlanAppliesEverythingInDependencyOrder(environment: String) async throws {
        let configuration = try MooringConfiguration(contentsOf: SampleEnvironmentTests.root + "/mooring.yaml")
        let settings = try #require(configuration.environment(named: environment))
        #expect(settings.path == "environments/\(environment)")
        // The smoke test is a PostSync hook: split off the desired state, run by each operation.
        let selection = try HookSelection(try await SampleOverlays.render(environment))
        #expect(selection.hooks.map(\.naming) == [.fixed("smoke-test")])
        #expect(selection.hooks.first?.spec == HookSpec(phases: [.postSync]))
        let rendered = selection.resources
        let desired = try DesiredState.prepare(rendered.objects.map(\.object), environment: environment,
                                               revision: "0123456789abcdef0123456789abcdef01234567", defaultNamespace: settings.namespace)
        let diff = try Differ(ignoreDifferences: settings.ignoreDifferences).diff(environment: environment, revision: "0123456789abcdef", desired: desired, live: [])
        #expect(diff.toCreate.count == desired.count)
        let plan = try SyncPlanner.plan(diff, prune: settings.prune, allowEmpty: settings.allowEmpty)
        #expect(plan.applySteps.map(\.kind.kind) == ["Namespace", "ConfigMap", "PersistentVolumeClaim", "Service", "Deployment", "Ingress"])
        #expect(plan.prune.isEmpty)

        // Applied as planned and read back unchanged: the next reconcile sends nothing.
        let second = try Differ().diff(environment: environment, revision: "0123456789abcdef", desired: desired, live: desired)
        #expect(second.isSynced)
        #expect(try SyncPlanner.plan(second, prune: true, allowEmpty: false).isEmpty)
    }
}

/// Managed fields written by Manifests' server-side apply (the algorithm the local cluster runs)
/// read back by the diff: what mooring applied is in sync; what it stops applying is a removal.
@Suite struct ManagedFieldsRoundTripTests {
    func schemaNode(for object: JSON) throws -> OpenAPISchemaNode {
        let schema = KubeSchema.builtin
        var definitions: [String: JSON] = [:]
        for name in schema.definitionNames { definitions[name] = schema.rawDefinition(named: name) }
        let type = try #require(ObjectIdentity(of: object)).type
        let root = try #require(schema.definitionName(for: type))
        return try #require(OpenAPISchemaNode(definitions: definitions, root: root))
    }

    @Test func appliedConfigMapIsSyncedAndDroppedKeysAreRemovals() throws {
        let desired = try DesiredState.prepare([[
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "django-settings", "namespace": "django-develop", "labels": ["app.kubernetes.io/name": "django-admin"]],
            "data": ["DJANGO_DEBUG": "1", "DJANGO_ALLOWED_HOSTS": "*", "LOG_LEVEL": "debug"],
        ]], environment: "develop", revision: "r1", defaultNamespace: "default")[0]
        let apply = ServerSideApply(schema: try schemaNode(for: desired))
        let live = try apply.apply(desired, to: nil, manager: "mooring", force: true, now: "2026-11-26T08:00:00Z").object
        #expect(live[path: ["metadata", "managedFields"]] != nil)
        #expect(Differ().diff(desired: desired, live: live).status == .synced)

        var trimmed = desired
        trimmed[path: ["data", "LOG_LEVEL"]] = nil
        trimmed[path: ["metadata", "labels", "app.kubernetes.io/name"]] = nil
        let result = Differ().diff(desired: trimmed, live: live)
        #expect(Set(result.changes.map(\.description)) == [#"data.LOG_LEVEL: - "debug""#, #"metadata.labels["app.kubernetes.io/name"]: - "django-admin""#])

        // After applying the trimmed object, SSA has removed them: in sync again.
        let reapplied = try apply.apply(trimmed, to: live, manager: "mooring", force: true, now: "2026-11-26T08:05:00Z").object
        #expect(Differ().diff(desired: trimmed, live: reapplied).status == .synced)
    }

    /// Sample objects whose lists need no key defaults (the generic OpenAPI node used here has
    /// none; ports are covered by the fixtures above).
    @Test func sampleObjectsAppliedBySSAAreSynced() async throws {
        let rendered = try await SampleOverlays.render("develop")
        let desired = try DesiredState.prepare(rendered.objects.map(\.object), environment: "develop", revision: "r1", defaultNamespace: "default")
        let kinds: Set<String> = ["Namespace", "ConfigMap", "PersistentVolumeClaim", "Ingress"]
        let checked = desired.filter { kinds.contains($0["kind"]?.stringValue ?? "") }
        #expect(checked.count == 4)
        for object in checked {
            let live = try ServerSideApply(schema: try schemaNode(for: object))
                .apply(object, to: nil, manager: "mooring", force: true, now: "2026-11-26T08:00:00Z").object
            let result = Differ().diff(desired: object, live: live)
            #expect(result.status == .synced, "\(result.debugDescription)")
        }
    }
}
