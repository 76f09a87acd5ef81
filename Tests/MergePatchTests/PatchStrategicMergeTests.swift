import Testing
@testable import MergePatch
import Manifests

/// Strategic merge patch against Deployment/Service/ConfigMap-shaped objects. Expected results
/// come from the Kubernetes docs ("Update API Objects in Place Using kubectl patch",
/// tasks/manage-kubernetes-objects/update-api-object-kubectl-patch.md) and from the cases in
/// k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go.
@Suite struct PatchStrategicMergeTests {
    let schema = KubeTestSchema.deployment

    private func patch(_ patch: String, _ original: String, schema: OpenAPISchemaNode? = KubeTestSchema.deployment) throws -> JSON {
        try StrategicMergePatch.apply(json(patch), to: json(original), schema: schema)
    }

    private func containers(_ object: JSON) -> [JSON] {
        object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
    }

    /// Docs, "Use a strategic merge patch to update a Deployment": the new container is merged
    /// into `containers` (patchStrategy merge, key name), and shows up first in the result.
    @Test func docsPatchAddsContainerInFront() throws {
        let live = #"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"patch-demo-ctr","image":"nginx"}]}}}}"#
        let result = try patch(#"{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}"#, live)
        #expect(containers(result) == [json(#"{"name":"patch-demo-ctr-2","image":"redis"}"#), json(#"{"name":"patch-demo-ctr","image":"nginx"}"#)])
        #expect(result[path: ["spec", "replicas"]] == 2)
    }

    /// Docs, "Notes on the strategic merge patch": `tolerations` has no patch strategy, so the
    /// patch's list replaces the live one.
    @Test func docsTolerationsAreReplaced() throws {
        let live = #"{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"dedicated","value":"test-team"}]}}}}"#
        let result = try patch(#"{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]}}}}"#, live)
        #expect(result[path: ["spec", "template", "spec", "tolerations"]] == json(#"[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]"#))
    }

    /// Docs, "Use strategic merge patch to update a Deployment using the retainKeys strategy".
    @Test func docsRetainKeysClearsRollingUpdate() throws {
        let live = #"{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}}}"#
        let result = try patch(#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#, live)
        #expect(result[path: ["spec", "strategy"]] == json(#"{"type":"Recreate"}"#))
    }

    /// Without `$retainKeys`, a plain patch of `type` keeps `rollingUpdate` (the docs' failing first attempt).
    @Test func withoutRetainKeysOtherFieldsStay() throws {
        let live = #"{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}}}}"#
        let result = try patch(#"{"spec":{"strategy":{"type":"Recreate"}}}"#, live)
        #expect(result[path: ["spec", "strategy"]] == json(#"{"type":"Recreate","rollingUpdate":{"maxSurge":"25%"}}"#))
    }

    @Test func retainKeysRejectsUnlistedPatchField() {
        #expect(throws: StrategicMergePatchError.badRetainKeysFormat) {
            try patch(#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":{}}}}"#, #"{"spec":{"strategy":{"type":"RollingUpdate"}}}"#)
        }
    }

    /// patch_test.go "merge lists of maps" (three-way case): `$setElementOrder` puts new item 4
    /// first and 3 last, while server-only fields (`other`) survive the merge.
    @Test func setElementOrderOrdersMergedList() throws {
        let live = #"{"spec":{"template":{"spec":{"containers":[{"name":"1","image":"a"},{"name":"2","image":"v2","imagePullPolicy":"b"}]}}}}"#
        let result = try patch(#"""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"4"},{"name":"1"},{"name":"2"},{"name":"3"}],
              "containers":[{"name":"4","image":"v4"},{"name":"3","image":"v3"}]}}}}
            """#, live)
        #expect(containers(result).map { $0["name"] } == ["4", "1", "2", "3"])
        #expect(containers(result)[2] == json(#"{"name":"2","image":"v2","imagePullPolicy":"b"}"#))
    }

    /// patch_test.go "add and delete items in lists of scalars": `$deleteFromPrimitiveList` with
    /// `$setElementOrder`, on `metadata.finalizers` (patchStrategy merge).
    @Test func deleteFromPrimitiveListWithOrder() throws {
        let result = try patch(#"{"metadata":{"$setElementOrder/finalizers":["1","2","4"],"$deleteFromPrimitiveList/finalizers":["3"]}}"#,
                               #"{"metadata":{"finalizers":["1","2","3","4"]}}"#)
        #expect(result[path: ["metadata", "finalizers"]] == json(#"["1","2","4"]"#))
    }

    /// Merging primitive lists is a union that keeps the live order first.
    @Test func primitiveMergeListIsAUnion() throws {
        let result = try patch(#"{"metadata":{"finalizers":["b","c"]}}"#, #"{"metadata":{"finalizers":["a","b"]}}"#)
        #expect(result[path: ["metadata", "finalizers"]] == json(#"["a","b","c"]"#))
    }

    /// patch_test.go "delete map from nested map" / "$patch: delete" in a merging list item.
    @Test func patchDeleteRemovesListItemByKey() throws {
        let live = #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"a"},{"name":"sidecar","image":"b"}]}}}}"#
        let result = try patch(#"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}"#, live)
        #expect(containers(result) == [json(#"{"name":"web","image":"a"}"#)])
    }

    /// patch_test.go "replace list of maps with $patch: replace".
    @Test func patchReplaceInListReplacesWholeList() throws {
        let live = #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"a"},{"name":"sidecar","image":"b"}]}}}}"#
        let result = try patch(#"{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"c"},{"$patch":"replace"}]}}}}"#, live)
        #expect(containers(result) == [json(#"{"name":"only","image":"c"}"#)])
    }

    /// patch_test.go "replace map with $patch: replace": the map becomes the patch's content.
    @Test func patchReplaceOnMap() throws {
        let result = try patch(#"{"metadata":{"labels":{"$patch":"replace","tier":"web"}}}"#, #"{"metadata":{"labels":{"app":"a","tier":"db"}}}"#)
        #expect(result[path: ["metadata", "labels"]] == json(#"{"tier":"web"}"#))
    }

    /// A `null` value deletes the key (IgnoreUnmatchedNulls: a null for a missing key is dropped).
    @Test func nullDeletesKey() throws {
        let result = try patch(#"{"metadata":{"labels":{"app":null,"absent":null,"new":"x"}},"spec":{"paused":null}}"#,
                               #"{"metadata":{"labels":{"app":"web","keep":"y"}},"spec":{"replicas":1}}"#)
        #expect(result == json(#"{"metadata":{"labels":{"keep":"y","new":"x"}},"spec":{"replicas":1}}"#))
    }

    /// Container fields merge inside the matching item; env merges by name.
    @Test func nestedMergeInsideListItem() throws {
        let live = #"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"a:1","env":[{"name":"A","value":"1"}]}]}}}}"#
        let result = try patch(#"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"a:2","env":[{"name":"B","value":"2"}]}]}}}}"#, live)
        #expect(containers(result) == [json(#"{"name":"web","image":"a:2","env":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}"#)])
    }

    /// Service ports merge by `port` (x-kubernetes-patch-merge-key).
    @Test func servicePortsMergeByPort() throws {
        let result = try patch(#"{"spec":{"ports":[{"port":80,"targetPort":8080}]}}"#,
                               #"{"spec":{"ports":[{"port":80,"targetPort":80,"protocol":"TCP"},{"port":443,"protocol":"TCP"}]}}"#,
                               schema: KubeTestSchema.service)
        #expect(result[path: ["spec", "ports"]] == json(#"[{"port":80,"targetPort":8080,"protocol":"TCP"},{"port":443,"protocol":"TCP"}]"#))
    }

    /// A map with a free-form value schema (ConfigMap data) merges key by key.
    @Test func configMapDataMerges() throws {
        let result = try patch(#"{"data":{"b":"2"}}"#, #"{"data":{"a":"1"}}"#, schema: KubeTestSchema.configMap)
        #expect(result == json(#"{"data":{"a":"1","b":"2"}}"#))
    }

    @Test func missingMergeKeyIsAnError() {
        #expect(throws: StrategicMergePatchError("map: map[protocol:TCP] does not contain declared merge key: port")) {
            try patch(#"{"spec":{"ports":[{"protocol":"TCP"}]}}"#, #"{"spec":{"ports":[{"port":80}]}}"#, schema: KubeTestSchema.service)
        }
    }

    @Test func unknownPatchDirectiveIsAnError() {
        #expect(throws: StrategicMergePatchError("unknown patch type: frob in map: map[$patch:frob]")) {
            try patch(#"{"metadata":{"$patch":"frob"}}"#, #"{"metadata":{}}"#)
        }
    }

    /// New subtrees are taken from the patch without their directives and nulls.
    @Test func newSubtreeIsCleaned() throws {
        let result = try patch(#"{"spec":{"template":{"metadata":{"labels":{"a":"1","b":null}}}}}"#, #"{"spec":{}}"#)
        #expect(result == json(#"{"spec":{"template":{"metadata":{"labels":{"a":"1"}}}}}"#))
    }

    /// `volumes` is `patchStrategy: merge,retainKeys`: inside a merged item, `$retainKeys`
    /// switches the volume source (docs: the retainKeys strategy; patch_test.go retainKeys cases).
    @Test func retainKeysInsideListItem() throws {
        let live = #"{"spec":{"template":{"spec":{"volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"a"}}]}}}}"#
        let result = try patch(#"{"spec":{"template":{"spec":{"volumes":[{"name":"data","$retainKeys":["configMap","name"],"configMap":{"name":"b"}}]}}}}"#, live)
        #expect(result[path: ["spec", "template", "spec", "volumes"]] == json(#"[{"name":"data","configMap":{"name":"b"}},{"name":"cfg","configMap":{"name":"a"}}]"#))
    }

    /// `$patch: delete` on a map directive empties it (handleDirectiveInMergeMap).
    @Test func patchDeleteOnMap() throws {
        let result = try patch(#"{"metadata":{"labels":{"$patch":"delete"}}}"#, #"{"metadata":{"labels":{"a":"1"},"name":"x"}}"#)
        #expect(result == json(#"{"metadata":{"labels":{},"name":"x"}}"#))
    }

    /// With no schema, lists are replaced and maps merged (what a CRD without merge keys gets).
    @Test func withoutSchemaListsAreReplaced() throws {
        let result = try StrategicMergePatch.apply(json(#"{"spec":{"items":[3],"extra":{"b":2}}}"#), to: json(#"{"spec":{"items":[1,2],"extra":{"a":1}}}"#))
        #expect(result == json(#"{"spec":{"items":[3],"extra":{"a":1,"b":2}}}"#))
    }
}
