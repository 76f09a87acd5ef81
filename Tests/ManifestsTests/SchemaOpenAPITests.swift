import Testing
@testable import Manifests

/// The OpenAPI v3 documents generated from the schema, shaped as kube-apiserver serves them
/// (`/openapi/v3` and `/openapi/v3/apis/<group>/<version>`). kubectl decides that the server does
/// field validation by finding the `fieldValidation` query parameter on the PATCH operation that
/// carries the kind's `x-kubernetes-group-version-kind` (kubectl `resource.QueryParamVerifierV3`).
@Suite struct SchemaOpenAPITests {
    let schema = KubeSchema.builtin

    /// Every `$ref` in a document must name one of its own components.
    func danglingReferences(in document: JSON) -> [String] {
        var references: [String] = []
        KubeSchema.collectReferences(in: document, into: &references)
        let components = Set(document[path: ["components", "schemas"]]?.objectValue?.keys ?? [])
        return references.map { SchemaDefinitions.name(fromReference: $0) }.filter { !components.contains($0) }
    }

    @Test func discoveryListsEveryGroupVersion() throws {
        // The 21 group-versions of a 1.32 server (`kubectl get --raw /openapi/v3`).
        #expect(schema.openAPIGroupVersionPaths == [
            "api/v1", "apis/admissionregistration.k8s.io/v1", "apis/apiextensions.k8s.io/v1", "apis/apiregistration.k8s.io/v1",
            "apis/apps/v1", "apis/authentication.k8s.io/v1", "apis/authorization.k8s.io/v1", "apis/autoscaling/v1",
            "apis/autoscaling/v2", "apis/batch/v1", "apis/certificates.k8s.io/v1", "apis/coordination.k8s.io/v1",
            "apis/discovery.k8s.io/v1", "apis/events.k8s.io/v1", "apis/flowcontrol.apiserver.k8s.io/v1",
            "apis/networking.k8s.io/v1", "apis/node.k8s.io/v1", "apis/policy/v1", "apis/rbac.authorization.k8s.io/v1",
            "apis/scheduling.k8s.io/v1", "apis/storage.k8s.io/v1",
        ])
        let discovery = schema.openAPIDiscovery()
        let url = try #require(discovery[path: ["paths", "apis/apps/v1", "serverRelativeURL"]]?.stringValue)
        #expect(url.hasPrefix("/openapi/v3/apis/apps/v1?hash="))
        #expect(schema.openAPIDiscovery() == discovery, "the hashes are stable")
    }

    @Test func appsDocumentDeclaresServerSideFieldValidation() throws {
        let document = schema.openAPIDocument(group: "apps", version: "v1")
        #expect(document["openapi"] == "3.0.0")
        let patch = try #require(document[path: ["paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch"]])
        #expect(patch["operationId"] == "patchAppsV1NamespacedDeployment")
        #expect(patch["x-kubernetes-group-version-kind"] == ["group": "apps", "kind": "Deployment", "version": "v1"])
        let parameters = patch["parameters"]?.arrayValue ?? []
        #expect(parameters.contains { $0["name"] == "fieldValidation" && $0["in"] == "query" })
        #expect(parameters.contains { $0["name"] == "dryRun" && $0["in"] == "query" })
        #expect(patch[path: ["requestBody", "content"]]?.objectValue?.keys.contains("application/apply-patch+yaml") == true)
        #expect(document[path: ["paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "patch", "x-kubernetes-group-version-kind", "kind"]] == "Scale")
        #expect(document[path: ["paths", "/apis/apps/v1/deployments", "get", "operationId"]] == "listAppsV1DeploymentForAllNamespaces")
        let schemas = try #require(document[path: ["components", "schemas"]]?.objectValue)
        #expect(schemas["io.k8s.api.apps.v1.Deployment"] != nil)
        #expect(schemas["io.k8s.api.apps.v1.StatefulSetList"] != nil)
        #expect(schemas["io.k8s.api.core.v1.Container"]?[path: ["properties", "ports", "x-kubernetes-list-map-keys"]] == ["containerPort", "protocol"])
        #expect(schemas["io.k8s.api.core.v1.Service"] == nil, "only what apps/v1 references")
        #expect(danglingReferences(in: document) == [])
    }

    @Test func everyDocumentIsSelfContained() throws {
        for path in schema.openAPIGroupVersionPaths {
            let parts = path.split(separator: "/").map(String.init)
            let document = schema.openAPIDocument(group: parts.count == 3 ? parts[1] : "", version: parts.last!)
            #expect(danglingReferences(in: document) == [], "\(path)")
            #expect(!(document["paths"]?.objectValue?.isEmpty ?? true), "\(path)")
        }
        let core = schema.openAPIDocument(group: "", version: "v1")
        #expect(core[path: ["paths", "/api/v1/namespaces/{name}", "patch", "operationId"]] == "patchCoreV1Namespace")
        #expect(core[path: ["paths", "/api/v1/namespaces/{namespace}/configmaps/{name}", "patch", "tags"]] == ["core_v1"])
        let rbac = schema.openAPIDocument(group: "rbac.authorization.k8s.io", version: "v1")
        #expect(rbac[path: ["paths", "/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}", "get", "operationId"]] == "readRbacAuthorizationV1ClusterRole")
    }

    @Test func customResourcesGetReversedGroupComponents() throws {
        let crd = try JSON(parsing: """
        {"spec":{"group":"example.com","scope":"Cluster","names":{"plural":"widgets","kind":"Widget"},
         "versions":[{"name":"v1","served":true,"subresources":{"status":{}},
          "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}}}]}}
        """)
        let schema = try KubeSchema.builtin.adding(customResourceDefinition: crd)
        #expect(schema.openAPIGroupVersionPaths.contains("apis/example.com/v1"))
        let document = schema.openAPIDocument(group: "example.com", version: "v1")
        let widget = try #require(document[path: ["components", "schemas", "com.example.v1.Widget"]])
        #expect(widget["x-kubernetes-group-version-kind"] == [["group": "example.com", "kind": "Widget", "version": "v1"]])
        #expect(widget[path: ["properties", "spec", "properties", "size", "type"]] == "integer")
        #expect(document[path: ["components", "schemas", "com.example.v1.WidgetList", "properties", "items", "items", "$ref"]] == "#/components/schemas/com.example.v1.Widget")
        #expect(document[path: ["paths", "/apis/example.com/v1/widgets/{name}/status", "patch", "x-kubernetes-group-version-kind", "kind"]] == "Widget")
        #expect(danglingReferences(in: document) == [])

        // A changed CRD gives a changed document (custom group-versions are never cached).
        var changed = crd
        changed[path: ["spec", "versions"]] = [["name": "v1", "served": true, "schema": ["openAPIV3Schema": ["type": "object", "properties": ["spec": ["type": "object", "properties": ["colour": ["type": "string"]]]]]]]]
        let replaced = try schema.adding(customResourceDefinition: changed)
        let newDocument = replaced.openAPIDocument(group: "example.com", version: "v1")
        #expect(newDocument[path: ["components", "schemas", "com.example.v1.Widget", "properties", "spec", "properties", "colour"]] != nil)
        #expect(replaced.openAPIDiscovery() != schema.openAPIDiscovery())
        #expect(replaced.openAPIDocument(group: "apps", version: "v1") == KubeSchema.builtin.openAPIDocument(group: "apps", version: "v1"))
    }
}
