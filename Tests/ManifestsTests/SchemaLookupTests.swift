import Testing
@testable import Manifests

/// Look-ups against the bundled Kubernetes 1.32 schema. Expected list types and merge keys are the
/// ones in Kubernetes' own OpenAPI (`api/openapi-spec/v3/apis__apps__v1_openapi.json` and
/// `api__v1_openapi.json` of release-1.32), i.e. the `+listType`/`+listMapKey`/`+patchMergeKey`
/// tags of `staging/src/k8s.io/api/core/v1/types.go`.
@Suite struct SchemaLookupTests {
    let schema = KubeSchema.builtin
    let deployment = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")
    let service = GroupVersionKind(group: "", version: "v1", kind: "Service")

    @Test func servesEveryKindOfTheTable() throws {
        #expect(schema.kubernetesVersion == "1.32.0")
        // Every resource of the 21 group-versions kube-apiserver 1.32 serves by default.
        #expect(schema.resources.count == 59)
        #expect(Set(schema.resources.map(\.apiVersion)).count == 21)
        for resource in schema.resources {
            let node = try #require(schema.node(for: resource.groupVersionKind), "no schema for \(resource.kind)")
            #expect(node.type == .object)
            #expect(node.property("metadata")?.definitionName == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
            if resource.verbs == ["create"] { continue }  // access reviews: answered, never listed
            let list = GroupVersionKind(group: resource.group, version: resource.version, kind: resource.listKind)
            #expect(schema.node(for: list)?.property("items")?.type == .array, "no list schema for \(resource.listKind)")
        }
    }

    @Test func resourceLookups() throws {
        let byKind = try #require(schema.resource(for: deployment))
        #expect(byKind.resource == "deployments")
        #expect(byKind.namespaced)
        #expect(byKind.subresources == ["status", "scale"])
        #expect(schema.resource(group: "apps", version: "v1", plural: "deployments") == byKind)
        #expect(schema.resource(shortName: "deploy") == byKind)
        #expect(schema.resource(named: "deployments.apps") == byKind)
        #expect(schema.resource(named: "Deployment") == byKind)
        #expect(schema.resource(shortName: "svc")?.kind == "Service")
        #expect(schema.resource(shortName: "crd")?.namespaced == false)
        #expect(schema.resource(named: "ns")?.kind == "Namespace")
        #expect(schema.resource(group: "apps", version: "v1beta1", plural: "deployments") == nil)
        let all = Set(schema.resources(inCategory: "all").map(\.kind))
        #expect(all == ["Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob",
                        "HorizontalPodAutoscaler"])
    }

    @Test func containersAreAMapKeyedByName() throws {
        let containers = try #require(schema.node(for: deployment, at: ["spec", "template", "spec", "containers"]))
        #expect(containers.type == .array)
        #expect(containers.listType == .map(keys: ["name"]))
        #expect(containers.patchMergeKey == "name")
        #expect(containers.patchStrategies == ["merge"])
        #expect(containers.items?.definitionName == "io.k8s.api.core.v1.Container")
        #expect(containers.items?.requiredProperties == ["name"])
    }

    @Test func containerPortsAreKeyedByPortAndProtocol() throws {
        let ports = try #require(schema.node(for: deployment, at: ["spec", "template", "spec", "containers", "ports"]))
        #expect(ports.listType == .map(keys: ["containerPort", "protocol"]))
        #expect(ports.patchMergeKey == "containerPort")
        #expect(ports.child("containerPort")?.type == .integer)
        #expect(ports.child("containerPort")?.format == "int32")
        // `+default="TCP"`: the key may be left out of an apply patch.
        #expect(ports.child("protocol")?.defaultValue == "TCP")
    }

    @Test func servicePortsAreKeyedByPortAndProtocol() throws {
        let ports = try #require(schema.node(for: service, at: ["spec", "ports"]))
        #expect(ports.listType == .map(keys: ["port", "protocol"]))
        #expect(ports.patchMergeKey == "port")
        #expect(ports.child("targetPort")?.type == .intOrString)
        #expect(schema.node(for: service, at: ["spec", "clusterIPs"])?.listType == .atomic)
    }

    @Test func metadataFields() throws {
        let finalizers = try #require(schema.node(for: deployment, at: ["metadata", "finalizers"]))
        #expect(finalizers.listType == .set)
        #expect(finalizers.patchStrategies == ["merge"])
        let owners = try #require(schema.node(for: deployment, at: ["metadata", "ownerReferences"]))
        #expect(owners.listType == .map(keys: ["uid"]))
        #expect(owners.patchMergeKey == "uid")
        let labels = try #require(schema.node(for: deployment, at: ["metadata", "labels"]))
        #expect(labels.type == .map)
        #expect(labels.mapType == .granular)
        #expect(labels.mapValues?.type == .string)
        #expect(schema.node(for: deployment, at: ["metadata", "labels", "app"])?.type == .string)
        #expect(schema.node(for: deployment, at: ["metadata", "managedFields", "fieldsV1"])?.type == .rawJSON)
        #expect(schema.node(for: deployment, at: ["metadata", "creationTimestamp"])?.format == "date-time")
    }

    @Test func mapTypesAndStrategies() throws {
        let selector = try #require(schema.node(for: deployment, at: ["spec", "selector"]))
        #expect(selector.mapType == .atomic)
        #expect(selector.child("matchExpressions")?.listType == .atomic)
        #expect(schema.node(for: deployment, at: ["spec", "template"])?.mapType == .granular)
        let strategy = try #require(schema.node(for: deployment, at: ["spec", "strategy"]))
        #expect(strategy.patchStrategies == ["retainKeys"])
        #expect(strategy.patchRetainsKeys)
        #expect(strategy.listType == nil)
        let volumes = try #require(schema.node(for: deployment, at: ["spec", "template", "spec", "volumes"]))
        #expect(volumes.patchStrategies == ["merge", "retainKeys"])
        #expect(volumes.listType == .map(keys: ["name"]))
        #expect(schema.node(for: deployment, at: ["spec", "template", "spec", "containers", "args"])?.listType == .atomic)
    }

    @Test func fieldTypes() throws {
        #expect(schema.node(for: deployment, at: ["spec", "replicas"])?.type == .integer)
        #expect(schema.node(for: deployment, at: ["spec", "paused"])?.type == .boolean)
        #expect(schema.node(for: deployment, at: ["spec", "strategy", "rollingUpdate", "maxSurge"])?.type == .intOrString)
        #expect(schema.node(for: deployment, at: ["spec", "template", "spec", "containers", "resources", "limits", "cpu"])?.type == .quantity)
        #expect(schema.node(for: deployment, at: ["spec", "template", "spec", "containers", "image"])?.type == .string)
        #expect(schema.node(for: deployment, at: ["spec", "nonsense"]) == nil)
        let secretData = try #require(schema.node(for: GroupVersionKind(group: "", version: "v1", kind: "Secret"), at: ["data"]))
        #expect(secretData.type == .map)
        #expect(secretData.mapValues?.format == "byte")
        let crd = GroupVersionKind(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition")
        #expect(schema.node(for: crd, at: ["spec", "versions", "schema", "openAPIV3Schema", "default"])?.type == .rawJSON)
    }

    @Test func quantityReachability() throws {
        #expect(schema.definition(named: "io.k8s.api.core.v1.ConfigMap")?.mayContainQuantities == false)
        #expect(schema.definition(named: "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")?.mayContainQuantities == false)
        #expect(schema.definition(named: "io.k8s.api.apps.v1.Deployment")?.mayContainQuantities == true)
        #expect(schema.node(for: deployment, at: ["spec", "template", "spec", "containers", "resources"])?.mayContainQuantities == true)
        #expect(schema.node(for: deployment, at: ["spec", "strategy"])?.mayContainQuantities == false)
    }

    @Test func definitionClosureForAnOpenAPIDocument() throws {
        let root = try #require(schema.definitionName(for: deployment))
        #expect(root == "io.k8s.api.apps.v1.Deployment")
        let closure = schema.definitionClosure(of: [root])
        #expect(closure.contains("io.k8s.api.core.v1.PodSpec"))
        #expect(closure.contains("io.k8s.apimachinery.pkg.util.intstr.IntOrString"))
        #expect(!closure.contains("io.k8s.api.core.v1.ServiceSpec"))
        #expect(closure == closure.sorted())
        for name in closure { #expect(schema.rawDefinition(named: name) != nil) }
    }
}
