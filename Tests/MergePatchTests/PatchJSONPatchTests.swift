import Testing
@testable import MergePatch
import Manifests

/// RFC 6902 Appendix A examples, with the API server's error wording from
/// gopkg.in/evanphx/json-patch.v4 patch.go (the library apiserver's patch handler uses).
@Suite struct PatchJSONPatchTests {
    private func apply(_ patch: String, to document: String) throws(JSONPatchError) -> JSON {
        try JSONPatch.apply(json(patch), to: json(document))
    }

    private func failure(_ patch: String, on document: String) -> JSONPatchError? {
        do { _ = try apply(patch, to: document); return nil } catch { return error }
    }

    @Test func a1AddObjectMember() throws {
        #expect(try apply(#"[{"op":"add","path":"/baz","value":"qux"}]"#, to: #"{"foo":"bar"}"#) == json(#"{"baz":"qux","foo":"bar"}"#))
    }

    @Test func a2AddArrayElement() throws {
        #expect(try apply(#"[{"op":"add","path":"/foo/1","value":"qux"}]"#, to: #"{"foo":["bar","baz"]}"#) == json(#"{"foo":["bar","qux","baz"]}"#))
    }

    @Test func a3RemoveObjectMember() throws {
        #expect(try apply(#"[{"op":"remove","path":"/baz"}]"#, to: #"{"baz":"qux","foo":"bar"}"#) == json(#"{"foo":"bar"}"#))
    }

    @Test func a4RemoveArrayElement() throws {
        #expect(try apply(#"[{"op":"remove","path":"/foo/1"}]"#, to: #"{"foo":["bar","qux","baz"]}"#) == json(#"{"foo":["bar","baz"]}"#))
    }

    @Test func a5ReplaceValue() throws {
        #expect(try apply(#"[{"op":"replace","path":"/baz","value":"boo"}]"#, to: #"{"baz":"qux","foo":"bar"}"#) == json(#"{"baz":"boo","foo":"bar"}"#))
    }

    @Test func a6MoveValue() throws {
        let result = try apply(#"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
                               to: #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#)
        #expect(result == json(#"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#))
    }

    @Test func a7MoveArrayElement() throws {
        #expect(try apply(#"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, to: #"{"foo":["all","grass","cows","eat"]}"#)
                == json(#"{"foo":["all","cows","eat","grass"]}"#))
    }

    @Test func a8TestSucceeds() throws {
        let document = #"{"baz":"qux","foo":["a",2,"c"]}"#
        #expect(try apply(#"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#, to: document) == json(document))
    }

    @Test func a9TestFailsWithServerMessage() {
        let error = failure(#"[{"op":"test","path":"/baz","value":"bar"}]"#, on: #"{"baz":"qux"}"#)
        #expect(error == JSONPatchError(.notApplicable, "testing value /baz failed: test failed"))
    }

    @Test func a10AddNestedMemberObject() throws {
        #expect(try apply(#"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, to: #"{"foo":"bar"}"#)
                == json(#"{"foo":"bar","child":{"grandchild":{}}}"#))
    }

    @Test func a12AddToNonexistentTarget() {
        let error = failure(#"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, on: #"{"foo":"bar"}"#)
        #expect(error?.message == #"add operation does not apply: doc is missing path: "/baz/bat": missing value"#)
        #expect(error?.kind == .notApplicable)
    }

    @Test func a14TildeEscapeOrdering() throws {
        let document = #"{"/":9,"~1":10}"#
        #expect(try apply(#"[{"op":"test","path":"/~01","value":10}]"#, to: document) == json(document))
        #expect(JSONPointer("/a~1b/c~0d")?.tokens == ["a/b", "c~d"])
        #expect(JSONPointer(tokens: ["app.kubernetes.io/name", "~"]).description == "/app.kubernetes.io~1name/~0")
    }

    @Test func a16AddArrayValueWithDash() throws {
        #expect(try apply(#"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, to: #"{"foo":["bar"]}"#)
                == json(#"{"foo":["bar",["abc","def"]]}"#))
    }

    @Test func copyDuplicatesAValue() throws {
        #expect(try apply(#"[{"op":"copy","from":"/metadata/labels/app","path":"/metadata/labels/tier"}]"#,
                          to: #"{"metadata":{"labels":{"app":"web"}}}"#) == json(#"{"metadata":{"labels":{"app":"web","tier":"web"}}}"#))
    }

    @Test func labelWithSlashIsAddressedByEscapedPointer() throws {
        let result = try apply(#"[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1managed-by","value":"mooring"}]"#,
                               to: #"{"metadata":{"labels":{"app":"web"}}}"#)
        #expect(result[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]] == "mooring")
    }

    @Test func operationsAreAllOrNothing() {
        // The second operation fails, so the first one's change must not leak out.
        #expect(failure(#"[{"op":"replace","path":"/spec/replicas","value":5},{"op":"remove","path":"/spec/missing"}]"#,
                        on: #"{"spec":{"replicas":1}}"#)?.message
                == "error in remove for path: '/spec/missing': Unable to remove nonexistent key: missing: missing value")
    }

    @Test func replaceOfMissingKeyFails() {
        #expect(failure(#"[{"op":"replace","path":"/spec/paused","value":true}]"#, on: #"{"spec":{"replicas":1}}"#)?.message
                == "replace operation does not apply: doc is missing key: /spec/paused: missing value")
    }

    @Test func indexOutOfRange() {
        #expect(failure(#"[{"op":"add","path":"/spec/containers/5","value":{}}]"#, on: #"{"spec":{"containers":[{"name":"a"}]}}"#)?.message
                == "error in add for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced")
        #expect(failure(#"[{"op":"remove","path":"/spec/containers/1"}]"#, on: #"{"spec":{"containers":[{"name":"a"}]}}"#)?.message
                == "error in remove for path: '/spec/containers/1': Unable to access invalid index: 1: invalid index referenced")
    }

    @Test func negativeIndexCountsFromTheEnd() throws {
        #expect(try apply(#"[{"op":"remove","path":"/items/-1"}]"#, to: #"{"items":[1,2,3]}"#) == json(#"{"items":[1,2]}"#))
    }

    @Test func unknownOperationAndMalformedPatch() {
        #expect(failure(#"[{"op":"frobnicate","path":"/a"}]"#, on: "{}")?.message == "Unexpected kind: frobnicate")
        #expect(failure(#"{"op":"add"}"#, on: "{}")?.kind == .malformed)
    }
}
