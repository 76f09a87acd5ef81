import Foundation
import Manifests
import Reconciler
import Testing

/// A misspelled field is an error naming file, line and field, before anything of the revision
/// is applied — for built-in kinds, custom resources of a CRD in the revision, and custom
/// resources of a CRD only the cluster knows (the server's strict dry-run decides).
@Suite struct StrictFieldsTests {
    /// Every object's resourceVersion, to show nothing changed.
    func versions(_ harness: Harness) async throws -> [String] {
        var found: [String] = []
        for (kind, apiVersion) in [("ConfigMap", "v1"), ("Deployment", "apps/v1"), ("Service", "v1")] {
            let type = GroupVersionKind(apiVersion: apiVersion, kind: kind)
            for object in try await harness.client.list(type, labelSelector: "") {
                found.append("\(ObjectIdentity(of: object)!)@\(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")")
            }
        }
        return found.sorted()
    }

    @Test func typosInAChangedRevisionFailItNamingFileLineAndFieldWithTheClusterUnchanged() async throws {
        try await withHarness { harness in
            let reconciler = harness.reconciler(Harness.environment("develop"))
            #expect(try await harness.poll(reconciler).isSynced)
            let before = try await versions(harness)

            let deployment = try harness.repository.read("environments/develop/deployment.yaml")
            let settings = try harness.repository.read("environments/develop/configmap.yaml")
            try await harness.repository.commit("Scale up (with typos)", files: [
                "environments/develop/deployment.yaml": deployment
                    .replacingOccurrences(of: "  replicas: 1", with: "  replica: 2")
                    .replacingOccurrences(of: "imagePullPolicy: Always", with: "imagePullPolcy: Always"),
                "environments/develop/configmap.yaml": settings.replacingOccurrences(of: "DEBUG: \"True\"", with: "DEBUG: \"False\""),
            ])
            await #expect(throws: ReconcileError.self) { try await harness.poll(reconciler) }
            do {
                _ = try await reconciler.diff()
                Issue.record("the diff of a revision with a typo must fail too")
            } catch let error as ReconcileError {
                guard case .plan(let message) = error else { Issue.record("\(error)"); return }
                #expect(message.hasPrefix(#"environments/develop/deployment.yaml:9: Deployment.apps django-develop/django-admin: unknown field "spec.replica""#), "\(message)")
                #expect(message.contains(#"environments/develop/deployment.yaml:21: Deployment.apps django-develop/django-admin: unknown field "spec.template.spec.containers[0].imagePullPolcy""#), "\(message)")
                #expect(message.hasSuffix("nothing of this revision is applied"))
            }
            #expect(try await versions(harness) == before, "nothing of the revision was applied, not even the ConfigMap")
        }
    }

    @Test func aTypoInANewObjectAndInACustomResourceIsRefusedToo() async throws {
        let crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          properties:
                            size: {type: integer}
            """
        let files = [
            "develop/crd.yaml": crd,
            "develop/widget.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\nspec:\n  size: 2\n  colour: red\n",
            "develop/app.yaml": SafetyFixture.configMap("app", namespace: "default", data: ["A": "1"]),
        ]
        try await withHarness(environments: try SafetyFixture.environments(files)) { harness in
            let reconciler = harness.reconciler(SafetyFixture.environment("develop"))
            do {
                _ = try await harness.poll(reconciler)
                Issue.record("a custom resource with an unknown field must be refused")
            } catch let error as ReconcileError {
                #expect(error.description.hasPrefix(#"environments/develop/widget.yaml:8: Widget.example.com default/w: unknown field "spec.colour""#), "\(error)")
            }
            #expect(try await harness.live("ConfigMap", "v1", namespace: "default", name: "app") == nil, "nothing applied")
            #expect(try await harness.live("CustomResourceDefinition", "apiextensions.k8s.io/v1", namespace: nil, name: "widgets.example.com") == nil)

            // The CRD installed by someone else: now only the server knows the kind, and decides.
            #expect(try await harness.kubectl("apply", "--server-side", "-f", "-", input: crd).status == 0)
            try await harness.repository.commit("CRD is installed elsewhere", files: ["environments/develop/crd.yaml": nil])
            do {
                _ = try await harness.poll(reconciler)
                Issue.record("the server's strict dry-run must refuse the unknown field")
            } catch let error as ReconcileError {
                #expect(error.description.hasPrefix(#"environments/develop/widget.yaml:8: Widget.example.com default/w: unknown field "spec.colour""#), "\(error)")
            }
            #expect(try await harness.live("ConfigMap", "v1", namespace: "default", name: "app") == nil, "nothing applied")

            try await harness.repository.commit("Fix the typo", files: [
                "environments/develop/widget.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\nspec:\n  size: 2\n",
            ])
            #expect(try await harness.poll(reconciler).changeSet?.succeeded == true)
        }
    }
}
