import Testing
import Manifests
@testable import LocalCluster

/// Request-body decoding as kube-apiserver 1.32 does it. Expected texts are the server's own:
/// strict errors from `sigs.k8s.io/json` (`unknown field %q`, `duplicate field %q`) joined by
/// `runtime.strictDecodingError` after "strict decoding error: "; type errors from Go's
/// `encoding/json` `UnmarshalTypeError` with the field path; the prefix from
/// `apimachinery/pkg/runtime/serializer/versioning` (`%s in version %q cannot be handled as a %s`).
@Suite struct AdmissionDecodingTests {
    let deployment = GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")

    func body(_ text: String) -> (JSON, [UInt8]) { (try! JSON(parsing: text), Array(text.utf8)) }

    @Test func unknownFieldsAreNamedWithTheirPath() throws {
        let (object, bytes) = body("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"foo":1,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"initContainers":[{"name":"i","image":"busybox"}],
           "containers":[{"name":"web","image":"nginx"},{"name":"side","image":"x","restartpolicy":"Always"}]}}}}
        """)
        let report = BodyDecoding.check(object, body: bytes)
        #expect(report.unknownFields == ["spec.foo", "spec.template.spec.containers[1].restartpolicy"])
        #expect(report.typeError == nil)
        #expect(report.badRequestMessage(for: deployment, directive: .strict)
            == #"Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[1].restartpolicy""#)
        #expect(report.badRequestMessage(for: deployment, directive: .warn) == nil)
        #expect(report.warnings(for: .warn) == [#"unknown field "spec.foo""#, #"unknown field "spec.template.spec.containers[1].restartpolicy""#])
        #expect(report.warnings(for: .ignore).isEmpty)
        let pruned = BodyDecoding.droppingUnknownFields(object)
        #expect(pruned[path: ["spec", "foo"]] == nil)
        #expect(pruned[path: ["spec", "template", "spec"]]?["containers"]?[1]?["restartpolicy"] == nil)
        #expect(pruned[path: ["spec", "template", "spec"]]?["containers"]?[1]?["image"] == "x")
        #expect(pruned[path: ["metadata", "labels", "app"]] == "web")
    }

    @Test func duplicateFieldsComeFromTheRawBody() throws {
        let (object, bytes) = body(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"},"data":{"k":"1","k":"2"}}"#)
        let report = BodyDecoding.check(object, body: bytes)
        #expect(report.duplicateFields == ["metadata.name", "data.k"])
        let nested = Array(#"{"spec":{"containers":[{"name":"a"},{"name":"b","env":[{"name":"X","value":"1","value":"2"}],"image":"x","image":"y"}]},"k\u0061":1,"ka":2}"#.utf8)
        #expect(DuplicateFieldScanner.duplicates(in: nested) == ["spec.containers[1].env[0].value", "spec.containers[1].image", "ka"])
        #expect(report.badRequestMessage(for: GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"), directive: .strict)
            == #"ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "metadata.name", duplicate field "data.k""#)
    }

    @Test func wrongTypesFailWhateverTheDirective() throws {
        // The well-known case: `replicas: "1"` (kubernetes/kubernetes issues quote this exact text).
        let (replicas, _) = body(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"replicas":"1"}}"#)
        let report = BodyDecoding.check(replicas)
        #expect(report.typeError == "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")
        #expect(report.badRequestMessage(for: deployment, directive: .ignore)
            == #"Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"#)

        let (port, _) = body(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":"80"}]}]}}}}"#)
        #expect(BodyDecoding.check(port).typeError
            == "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32")

        let (labels, _) = body(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"a":1}}}"#)
        #expect(BodyDecoding.check(labels).typeError == "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")

        let (containers, _) = body(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"containers":{"name":"a"}}}"#)
        #expect(BodyDecoding.check(containers).typeError == "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container")

        let (fraction, _) = body(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"replicas":1.5}}"#)
        #expect(BodyDecoding.check(fraction).typeError == "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32")

        let (targetPort, _) = body(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"x"},"spec":{"ports":[{"port":80,"targetPort":true}]}}"#)
        #expect(BodyDecoding.check(targetPort).typeError == "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32")

        let (quantity, _) = body(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"1 core"}}}]}}"#)
        #expect(BodyDecoding.check(quantity).typeError == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")

        let (fine, _) = body(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":0.5,"memory":"1e3"}}}]}}"#)
        #expect(BodyDecoding.check(fine) == DecodingReport())
    }

    @Test func secretDataMustBeBase64() throws {
        // encoding/base64's CorruptInputError offsets; the message as kubectl users meet it when
        // a Secret's `data` holds plain text.
        let cases: [(String, Int?)] = [("aGVsbG8=", nil), ("aGVs\nbG8=", nil), ("", nil), ("hello", 4), ("abc", 0),
                                       ("ab=c", 2), ("a===", 1), ("aGVsbG8=x", 8), ("aGVsbG8", 4), ("aG Vs", 2), ("ab==", nil), ("ab=", 3)]
        for (text, offset) in cases { #expect(Base64Syntax.errorOffset(in: text) == offset, "\(text)") }
        let (secret, _) = body(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"password":"hunter22!"}}"#)
        #expect(BodyDecoding.check(secret).badRequestMessage(for: GroupVersionKind(group: "", version: "v1", kind: "Secret"), directive: .ignore)
            == #"Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 8"#)
        let (plain, _) = body(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"password":"hunter22!"}}"#)
        #expect(BodyDecoding.check(plain).typeError == nil)
    }

    @Test func customResourcesAreCheckedAgainstTheirCRD() throws {
        let crd = try JSON(parsing: """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
          "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{
            "spec":{"type":"object","properties":{"size":{"type":"integer"},"free":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}}}]}}
        """)
        let schema = try KubeSchema.builtin.adding(customResourceDefinition: crd)
        let widget = try JSON(parsing: #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":"big","colour":"red","free":{"any":{"thing":1}}}}"#)
        let report = BodyDecoding.check(widget, schema: schema)
        #expect(report.unknownFields == ["spec.colour"])
        #expect(report.typeError == nil)
        #expect(report.schemaCauses.map(\.description) == [#"spec.size: Invalid value: "string": spec.size in body must be of type integer: "string""#])
        #expect(BodyDecoding.droppingUnknownFields(widget, schema: schema)[path: ["spec", "free", "any", "thing"]] == 1)
        #expect(BodyDecoding.droppingUnknownFields(widget, schema: schema)[path: ["spec", "colour"]] == nil)
    }

    @Test func statusBodies() throws {
        let causes = [FieldCause.required(FieldErrorPath("spec", "selector")),
                      FieldCause.invalid(FieldErrorPath("metadata", "name"), .string("Web"), "bad")]
        let status = RejectionStatus.invalid(kind: GroupKind(group: "apps", kind: "Deployment"), name: "Web", causes: causes)
        #expect(status.serialized() == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Deployment.apps \"Web\" is invalid: [spec.selector: Required value, metadata.name: Invalid value: \"Web\": bad]","reason":"Invalid","details":{"name":"Web","group":"apps","kind":"Deployment","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.selector"},{"reason":"FieldValueInvalid","message":"Invalid value: \"Web\": bad","field":"metadata.name"}]},"code":422}"#)
        #expect(RejectionStatus.badRequest("nope")["code"] == 400)
        #expect(RejectionStatus.invalidMessage(kind: GroupKind(group: "", kind: "Pod"), name: "p", causes: [causes[0], causes[0]])
            == #"Pod "p" is invalid: spec.selector: Required value"#)
    }
}

/// Apply patches as structured-merge-diff's typed conversion sees them. The message forms are the
/// ones quoted in kubernetes/kubernetes#122480 (`failed to create typed patch object (…): .spec.topologyKeys:
/// field not declared in schema`, code 500) and kptdev/kpt#1928 (`associative list with keys has an
/// element that omits key field "protocol"`); containerPort's and port's protocol default to TCP
/// (`+default="TCP"` in core/v1 types.go), so they may be left out.
@Suite struct AdmissionApplyPatchTests {
    @Test func unknownFieldsUseStructuredMergeDiffPaths() throws {
        let patch = try JSON(parsing: """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
         "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[
          {"name":"web","image":"nginx","ports":[{"containerPort":80,"hostname":"x"}]},{"name":"side","image":"x","restartpolicy":"Always"}]}},
          "foo":true}}
        """)
        let errors = ApplyPatchCheck.errors(in: patch)
        #expect(errors == [
            #".spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"].hostname: field not declared in schema"#,
            #".spec.template.spec.containers[name="side"].restartpolicy: field not declared in schema"#,
            ".spec.foo: field not declared in schema",
        ])
        #expect(ApplyPatchCheck.failureMessage(for: patch, errors: [errors[2]])
            == "failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema")
        #expect(ApplyPatchCheck.failureMessage(for: patch, errors: errors).hasPrefix("failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): errors:\n  .spec.template"))
        #expect(ApplyPatchCheck.failureStatus(for: patch, errors: errors)["code"] == 500)
    }

    @Test func listMapKeysMustBePresentAndUnique() throws {
        let service = try JSON(parsing: #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80},{"port":80,"protocol":"TCP"}],"topologyKeys":["a"]}}"#)
        #expect(ApplyPatchCheck.errors(in: service) == [
            #".spec.ports: duplicate entries for key [port=80,protocol="TCP"]"#,
            ".spec.topologyKeys: field not declared in schema",
        ])
        #expect(ApplyPatchCheck.failureMessage(for: service, errors: [".spec.topologyKeys: field not declared in schema"])
            == "failed to create typed patch object (/s; /v1, Kind=Service): .spec.topologyKeys: field not declared in schema")
        let unnamed = try JSON(parsing: #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"image":"x"}],"tolerations":[{"key":"k"}]}}"#)
        #expect(ApplyPatchCheck.errors(in: unnamed) == [#".spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn't have default value)"#])
        let fine = try JSON(parsing: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"b"},"finalizers":["x"]},"data":{"k":"v"}}"#)
        #expect(ApplyPatchCheck.errors(in: fine).isEmpty)
    }
}
