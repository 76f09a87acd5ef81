import Testing
@testable import MergePatch
import Manifests

/// RFC 7386 Appendix A ("Example Test Cases"); the API server applies merge patches with
/// evanphx/json-patch's MergePatch, which implements this RFC.
@Suite struct PatchJSONMergePatchTests {
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func rfc7386AppendixA(original: String, patch: String, expected: String) {
        #expect(JSONMergePatch.apply(json(patch), to: json(original)) == json(expected))
    }

    /// `kubectl patch --type merge`: lists are replaced whole, unlike a strategic merge patch
    /// (docs: tasks/manage-kubernetes-objects/update-api-object-kubectl-patch, "Use a JSON merge patch").
    @Test func deploymentContainersAreReplaced() {
        let live = json(#"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"patch-demo-ctr","image":"nginx"}]}}}}"#)
        let patch = json(#"{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-3","image":"gcr.io/google-samples/hello-app:2.0"}]}}}}"#)
        let result = JSONMergePatch.apply(patch, to: live)
        #expect(result[path: ["spec", "replicas"]] == 2)
        #expect(result[path: ["spec", "template", "spec", "containers"]] == json(#"[{"name":"patch-demo-ctr-3","image":"gcr.io/google-samples/hello-app:2.0"}]"#))
    }

    @Test func keyOrderIsKeptAndNewKeysAppended() {
        let result = JSONMergePatch.apply(json(#"{"data":{"z":"9","b":"2"}}"#), to: json(#"{"kind":"ConfigMap","data":{"a":"1","b":"1"}}"#))
        #expect(result.serialized() == #"{"kind":"ConfigMap","data":{"a":"1","b":"2","z":"9"}}"#)
    }
}
