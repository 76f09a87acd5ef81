import Testing
@testable import MergePatch
import Manifests

/// Field sets and their FieldsV1 encoding, checked against managedFields shown in the Kubernetes
/// docs (reference/using-api/server-side-apply.md) and structured-merge-diff's
/// fieldpath/serialize.go and typed/tofieldset.go.
@Suite struct PatchFieldSetTests {
    let deployment = KubeTestSchema.deployment

    /// The docs' ConfigMap example: `f:data` / `f:metadata.f:labels` with no `.` markers.
    @Test func configMapAppliedFieldsMatchDocs() throws {
        let config = json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"test-cm","namespace":"default","labels":{"test-label":"test"}},"data":{"key":"some value"}}"#)
        let set = try FieldSet(fieldsOf: config, schema: KubeTestSchema.configMap).subtracting(ServerFields.stripped)
        #expect(set.fieldsV1Text == #"{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}"#)
    }

    /// A list-map item is owned itself (`.`) and through its fields; keys are sorted and a
    /// missing key with a schema default (`protocol: TCP`) is filled in.
    @Test func deploymentContainersAndPorts() throws {
        let config = json(#"""
            {"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
             "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}
            """#)
        let set = try FieldSet(fieldsOf: config, schema: deployment)
        #expect(set.fieldsV1Text == #"{"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}"#)
        #expect(set.contains([.field("spec"), .field("selector")]))  // an atomic map is one leaf
        #expect(!set.contains([.field("spec")]))
    }

    @Test func setItemsAndAtomicLists() throws {
        let config = json(#"{"metadata":{"finalizers":["b","a"]},"spec":{"template":{"spec":{"tolerations":[{"key":"k"}]}}}}"#)
        let set = try FieldSet(fieldsOf: config, schema: deployment)
        #expect(set.fieldsV1Text == #"{"f:metadata":{"f:finalizers":{"v:\"a\"":{},"v:\"b\"":{}}},"f:spec":{"f:template":{"f:spec":{"f:tolerations":{}}}}}"#)
    }

    @Test func listMapItemWithoutKeyIsAnError() {
        #expect(throws: FieldPathError.self) {
            try FieldSet(fieldsOf: json(#"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#), schema: deployment)
        }
    }

    /// serialize.go: reading FieldsV1 and writing it back gives the same bytes.
    @Test func fieldsV1RoundTrip() throws {
        let text = #"{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#
        let set = try FieldSet(fieldsV1: json(text))
        #expect(set.fieldsV1Text == text)
        #expect(set.fieldsV1.serialized() == text)
        #expect(set.contains([.field("metadata"), .field("labels")]))
        #expect(set.contains([.field("spec"), .field("template"), .field("spec"), .field("containers"), .key([("name", "nginx")]), .field("image")]))
    }

    /// Go's encoding/json escapes `<`, `>` and `&` in keys.
    @Test func fieldsV1EscapesLikeGo() {
        let set = FieldSet(paths: [[.field("data"), .field("a<b>&c")]])
        #expect(set.fieldsV1Text == #"{"f:data":{"f:a\u003cb\u003e\u0026c":{}}}"#)
    }

    /// element.go ordering: fields before keys before values before indices; numbers before strings.
    @Test func pathElementOrder() {
        let elements: [PathElement] = [.index(0), .value("a"), .value(1), .key([("name", "b")]), .key([("name", "a")]), .field("z"), .field("a")]
        #expect(elements.sorted() == [.field("a"), .field("z"), .key([("name", "a")]), .key([("name", "b")]), .value(1), .value("a"), .index(0)])
    }

    @Test func setOperations() {
        let replicas: FieldSetPath = [.field("spec"), .field("replicas")]
        let image: FieldSetPath = [.field("spec"), .field("image")]
        let labels: FieldSetPath = [.field("metadata"), .field("labels"), .field("app")]
        let a = FieldSet(paths: [replicas, image])
        let b = FieldSet(paths: [image, labels])
        #expect(a.union(b) == FieldSet(paths: [replicas, image, labels]))
        #expect(a.intersection(b) == FieldSet(paths: [image]))
        #expect(a.subtracting(b) == FieldSet(paths: [replicas]))
        #expect(a.subtracting(a).isEmpty)
        #expect(!a.isEmpty && FieldSet().isEmpty)
        #expect(a.union(b).paths == [labels, image, replicas])
        #expect(FieldSet(paths: [[.field("status"), .field("replicas")], replicas]).subtractingRecursively(ServerFields.mainResourceResetFields) == FieldSet(paths: [replicas]))
    }

    @Test func pathDescriptionsForMessages() {
        let path: FieldSetPath = [.field("spec"), .field("ports"), .key([("protocol", "TCP"), ("port", 80)]), .field("targetPort")]
        #expect(path.pathDescription == #".spec.ports[port=80,protocol="TCP"].targetPort"#)
        #expect(([.field("metadata"), .field("finalizers"), .value("x")] as FieldSetPath).pathDescription == #".metadata.finalizers[="x"]"#)
    }

    /// serialize.go readIterV1: element kinds it does not know are skipped, not rejected.
    @Test func unknownElementKindsAreSkipped() throws {
        let set = try FieldSet(fieldsV1: json(#"{"f:data":{"f:a":{}},"x:future":{}}"#))
        #expect(set == FieldSet(paths: [[.field("data"), .field("a")]]))
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: json(#"{"k:not-json":{}}"#)) }
    }
}
