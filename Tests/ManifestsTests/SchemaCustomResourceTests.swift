import Testing
@testable import Manifests

/// Custom resources get their schema from the CRD's structural `openAPIV3Schema`; the extensions
/// mean what https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/
/// says (lists without `x-kubernetes-list-type` are atomic; `metadata` is always ObjectMeta).
@Suite struct SchemaCustomResourceTests {
    static let crdText = """
    {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
     "metadata":{"name":"widgets.example.com"},
     "spec":{"group":"example.com","scope":"Namespaced",
       "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wd"],"categories":["all"]},
       "versions":[
        {"name":"v1","served":true,"storage":true,
         "subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas"}},
         "schema":{"openAPIV3Schema":{"type":"object","properties":{
           "spec":{"type":"object","properties":{
             "replicas":{"type":"integer","format":"int32","default":1},
             "port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
             "servers":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name","zone"],
               "items":{"type":"object","required":["name","zone"],"properties":{"name":{"type":"string"},"zone":{"type":"string"}}}},
             "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
             "args":{"type":"array","items":{"type":"string"}},
             "settings":{"type":"object","x-kubernetes-map-type":"atomic","additionalProperties":{"type":"string"}},
             "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
             "template":{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}
           }},
           "status":{"type":"object","properties":{"replicas":{"type":"integer"}}}
         }}}},
        {"name":"v1beta1","served":false,"storage":false},
        {"name":"v2","served":true,"storage":false}
       ]}}
    """

    @Test func addsTheServedVersions() throws {
        let schema = try KubeSchema.builtin.adding(customResourceDefinition: JSON(parsing: Self.crdText))
        let v1 = GroupVersionKind(group: "example.com", version: "v1", kind: "Widget")
        let resource = try #require(schema.resource(for: v1))
        #expect(resource.resource == "widgets")
        #expect(resource.namespaced)
        #expect(resource.subresources == ["status", "scale"])
        #expect(resource.listKind == "WidgetList")
        #expect(schema.resource(shortName: "wd") == resource)
        #expect(schema.resources(inCategory: "all").contains(resource))
        #expect(schema.resource(for: GroupVersionKind(group: "example.com", version: "v1beta1", kind: "Widget")) == nil)
        // A version without a schema keeps whatever it is given.
        let v2 = try #require(schema.node(for: GroupVersionKind(group: "example.com", version: "v2", kind: "Widget")))
        #expect(v2.preservesUnknownFields)
        #expect(v2.property("metadata")?.definitionName == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        // The built-in value is untouched.
        #expect(KubeSchema.builtin.resource(for: v1) == nil)
        // Removing the CRD removes its kinds.
        let removed = schema.removingCustomResources(group: "example.com", plural: "widgets")
        #expect(removed.resource(for: v1) == nil)
        #expect(removed.node(for: v1) == nil)
    }

    @Test func structuralSchemaAnswersLikeBuiltIns() throws {
        let schema = try KubeSchema.builtin.adding(customResourceDefinition: JSON(parsing: Self.crdText))
        let widget = GroupVersionKind(group: "example.com", version: "v1", kind: "Widget")
        let root = try #require(schema.node(for: widget))
        #expect(root.property("metadata")?.definitionName == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        #expect(schema.node(for: widget, at: ["metadata", "finalizers"])?.listType == .set)
        #expect(root.property("apiVersion")?.type == .string)
        #expect(schema.node(for: widget, at: ["spec", "replicas"])?.type == .integer)
        #expect(schema.node(for: widget, at: ["spec", "replicas"])?.defaultValue == .int(1))
        #expect(schema.node(for: widget, at: ["spec", "port"])?.type == .intOrString)
        #expect(schema.node(for: widget, at: ["spec", "servers"])?.listType == .map(keys: ["name", "zone"]))
        #expect(schema.node(for: widget, at: ["spec", "servers", "zone"])?.type == .string)
        #expect(schema.node(for: widget, at: ["spec", "tags"])?.listType == .set)
        #expect(schema.node(for: widget, at: ["spec", "args"])?.listType == .atomic)
        #expect(schema.node(for: widget, at: ["spec", "settings"])?.mapType == .atomic)
        #expect(schema.node(for: widget, at: ["spec", "settings"])?.type == .map)
        #expect(schema.node(for: widget, at: ["spec", "extra"])?.preservesUnknownFields == true)
        #expect(schema.node(for: widget, at: ["spec", "unknown"]) == nil)
        let template = try #require(schema.node(for: widget, at: ["spec", "template"]))
        #expect(template.isEmbeddedResource)
        #expect(template.property("metadata")?.definitionName == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        #expect(template.property("kind")?.type == .string)
    }

    @Test func rejectsACRDWithoutNames() throws {
        let crd = try JSON(parsing: #"{"spec":{"group":"example.com","versions":[{"name":"v1"}]}}"#)
        #expect(throws: KubeSchemaError.self) { try KubeSchema.builtin.adding(customResourceDefinition: crd) }
    }

    @Test func nodeFromASchemaAlone() throws {
        let node = KubeSchema.builtin.customResourceNode(openAPIV3Schema: try JSON(parsing: #"{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"string"}}}}}"#))
        #expect(node.descendant(["spec", "size"])?.type == .string)
        #expect(node.descendant(["metadata", "labels"])?.type == .map)
    }
}
