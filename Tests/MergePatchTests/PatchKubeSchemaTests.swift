import Testing
@testable import MergePatch
import Manifests

/// The merge algorithms on the bundled Kubernetes 1.32 schema (`KubeSchema.builtin`), checked
/// against what a real API server records and merges for the same objects.
@Suite struct PatchKubeSchemaTests {
    let deploymentKind = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")
    let serviceKind = GroupVersionKind(group: "", version: "v1", kind: "Service")

    let nginx = json(#"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"nginx","labels":{"app":"nginx"}},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},
           "template":{"metadata":{"labels":{"app":"nginx"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}
        """#)

    /// The Apply entry a real server writes for the docs' nginx Deployment: the selector is an
    /// atomic map, containers are keyed by name, ports by containerPort and the defaulted protocol.
    @Test func deploymentApplyFieldsV1() throws {
        let schema = try #require(KubeSchema.builtin.mergeSchema(for: deploymentKind))
        let result = try ServerSideApply(schema: schema).apply(nginx, to: nil, manager: "kubectl", force: false, now: "2026-11-26T08:00:00Z")
        let entry = try #require(try ManagedFields(of: result.object).entries.first)
        #expect(entry.fields.fieldsV1Text == #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}"#)
    }

    /// Docs ("Use a strategic merge patch to update a Deployment") on the real schema.
    @Test func strategicMergeOnRealDeploymentSchema() throws {
        let schema = KubeSchema.builtin.mergeSchema(for: deploymentKind)
        let patched = try StrategicMergePatch.apply(json(#"{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}"#),
                                                    to: nginx, schema: schema)
        #expect(patched[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["patch-demo-ctr-2", "nginx"])
    }

    /// Service ports are a list map keyed by port and protocol; two appliers' ports merge.
    @Test func servicePortsOnRealSchema() throws {
        let schema = try #require(KubeSchema.builtin.mergeSchema(for: serviceKind))
        let ssa = ServerSideApply(schema: schema)
        let web = json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80}]}}"#)
        let created = try ssa.apply(web, to: nil, manager: "mooring", force: false, now: "2026-11-26T08:00:00Z").object
        let tls = json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"name":"https","port":443}]}}"#)
        let merged = try ssa.apply(tls, to: created, manager: "tls", force: false, now: "2026-11-26T08:00:00Z").object
        #expect(merged[path: ["spec", "ports"]] == json(#"[{"name":"http","port":80},{"name":"https","port":443}]"#))
        let owners = try ManagedFields(of: merged).entries.map(\.fields.fieldsV1Text)
        #expect(owners.contains(#"{"f:spec":{"f:ports":{"k:{\"port\":443,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{}}}}}"#))
    }
}
