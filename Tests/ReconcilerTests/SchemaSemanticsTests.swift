import Manifests
import Testing
@testable import Reconciler

/// The diff asks the Kubernetes schema how lists are keyed — for built-in kinds and for custom
/// resources whose CRD declares `x-kubernetes-list-type: map`.
@Suite struct SchemaSemanticsTests {
    @Test func builtInListsComeFromTheSchema() {
        let fields = SchemaFieldSemantics()
        let deployment = GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment")
        #expect(fields.listType(of: deployment, at: ["spec", "template", "spec", "containers"]) == .map(keys: ["name"]))
        #expect(fields.listType(of: deployment, at: ["spec", "template", "spec", "containers", "ports"]) == .map(keys: ["containerPort", "protocol"]))
        #expect(fields.listType(of: deployment, at: ["spec", "template", "spec", "containers", "args"]) == .atomic)
        #expect(fields.listType(of: deployment, at: ["metadata", "finalizers"]) == .set)
        #expect(fields.fieldType(of: deployment, at: ["spec", "template", "spec", "containers", "resources", "limits", "cpu"]) == .quantity)
        #expect(fields.listType(of: GroupVersionKind(apiVersion: "v1", kind: "Service"), at: ["spec", "ports"]) == .map(keys: ["port", "protocol"]))
    }

    @Test func customResourceListsAreKeyedByTheirCRD() throws {
        let crd: JSON = [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": "backups.stash.dev"],
            "spec": [
                "group": "stash.dev", "scope": "Namespaced",
                "names": ["kind": "Backup", "plural": "backups", "singular": "backup"],
                "versions": [[
                    "name": "v1", "served": true, "storage": true,
                    "schema": ["openAPIV3Schema": [
                        "type": "object",
                        "properties": ["spec": [
                            "type": "object",
                            "properties": ["targets": [
                                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                                "items": ["type": "object", "properties": ["name": ["type": "string"], "path": ["type": "string"]]],
                            ]],
                        ]],
                    ]],
                ]],
            ],
        ]
        let differ = Differ(fields: SchemaFieldSemantics(schema: try KubeSchema.builtin.adding(customResourceDefinition: crd)))
        let desired: JSON = ["apiVersion": "stash.dev/v1", "kind": "Backup", "metadata": ["name": "nightly", "namespace": "web"],
                             "spec": ["targets": [["name": "db", "path": "/var/lib/db"], ["name": "media", "path": "/srv/media"]]]]
        var live = desired
        live[path: ["spec", "targets"]] = [["name": "media", "path": "/srv/media"], ["name": "db", "path": "/var/lib/db"]]
        #expect(differ.diff(desired: desired, live: live).status == .synced)
        // Without the CRD the list is atomic: the reordering counts.
        #expect(Differ().diff(desired: desired, live: live).status == .outOfSync(.configure))
    }

    @Test func scopesComeFromTheSchema() {
        let scopes = SchemaResourceScopes.builtin
        #expect(scopes.isNamespaced(GroupKind(group: "apps", kind: "Deployment")) == true)
        #expect(scopes.isNamespaced(GroupKind(group: "", kind: "Namespace")) == false)
        #expect(scopes.isNamespaced(GroupKind(group: "rbac.authorization.k8s.io", kind: "ClusterRole")) == false)
        #expect(scopes.isNamespaced(GroupKind(group: "stash.dev", kind: "Backup")) == nil)
        #expect(KindOrder.isCustomResource(GroupKind(group: "stash.dev", kind: "Backup")))
        #expect(!KindOrder.isCustomResource(GroupKind(group: "networking.k8s.io", kind: "NetworkPolicy")))
    }
}
