import Testing
import Manifests
@testable import LocalCluster

/// The whole admission of writes, as the request handler runs it. Custom-resource messages follow
/// kube-openapi's validator as the apiextensions-apiserver reports it (`spec.replicas in body should
/// be greater than or equal to 1`, `Required value`, `Unsupported value`).
@Suite struct AdmissionPipelineTests {
    static let deployment = """
    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
     "spec":{"colour":"blue","selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
    """

    @Test func warnAdmitsWithoutTheUnknownField() throws {
        let object = try JSON(parsing: Self.deployment)
        let admitted = try Admission.admitCreate(object, body: Array(Self.deployment.utf8), directive: .warn, uid: "u1").get()
        #expect(admitted.warnings == [#"unknown field "spec.colour""#])
        #expect(admitted.object[path: ["spec", "colour"]] == nil)
        #expect(admitted.object[path: ["spec", "replicas"]] == 1)
        #expect(admitted.object[path: ["spec", "template", "spec", "containers"]]?[0]?["imagePullPolicy"] == "IfNotPresent")
    }

    @Test func strictRejectsWithBadRequest() throws {
        let object = try JSON(parsing: Self.deployment)
        guard case .failure(let rejection) = Admission.admitCreate(object, directive: .strict, uid: "u1") else {
            Issue.record("admitted an unknown field under Strict")
            return
        }
        #expect(rejection.code == 400)
        #expect(rejection.status["reason"] == "BadRequest")
        #expect(rejection.status["message"] == #"Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.colour""#)
    }

    @Test func invalidObjectsGetA422() throws {
        var object = try JSON(parsing: Self.deployment)
        object[path: ["spec", "colour"]] = nil
        object[path: ["metadata", "name"]] = "Web"
        guard case .failure(let rejection) = Admission.admitCreate(object, uid: "u1") else {
            Issue.record("admitted an invalid name")
            return
        }
        #expect(rejection.code == 422)
        #expect(rejection.status["reason"] == "Invalid")
        #expect(rejection.status[path: ["details", "causes"]]?[0]?["field"] == "metadata.name")
        #expect(rejection.status["message"]?.stringValue?.hasPrefix(#"Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain"#) == true)
    }

    @Test func jobsGetTheirGeneratedSelector() throws {
        let job = try JSON(parsing: #"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate","namespace":"shop"},"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"m","image":"app:1"}]}}}}"#)
        let admitted = try Admission.admitCreate(job, uid: "6a1f").get()
        #expect(admitted.object[path: ["spec", "selector", "matchLabels", "batch.kubernetes.io/controller-uid"]] == "6a1f")
        #expect(admitted.object[path: ["spec", "template", "metadata", "labels", "job-name"]] == "migrate")
    }

    @Test func updatesKeepImmutableFields() throws {
        let stored = try Admission.admitCreate(try JSON(parsing: Self.deployment), directive: .ignore, uid: "u1").get().object
        var changed = stored
        changed[path: ["spec", "selector", "matchLabels", "app"]] = "shop"
        changed[path: ["spec", "template", "metadata", "labels", "app"]] = "shop"
        guard case .failure(let rejection) = Admission.admitUpdate(changed, old: stored) else {
            Issue.record("admitted a selector change")
            return
        }
        #expect(rejection.status[path: ["details", "causes"]]?[0]?["message"]
            == #"Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"shop"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#)
        var scaled = stored
        scaled[path: ["spec", "replicas"]] = 3
        #expect(try Admission.admitUpdate(scaled, old: stored).get().object[path: ["spec", "replicas"]] == 3)
    }

    @Test func customResourcesAreDefaultedAndValidatedByTheirSchema() throws {
        let crd = try JSON(parsing: """
        {"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
         "versions":[{"name":"v1","served":true,"schema":{"openAPIV3Schema":{"type":"object","required":["spec"],"properties":{
           "spec":{"type":"object","required":["size"],"properties":{
             "size":{"type":"string","enum":["small","large"]},
             "replicas":{"type":"integer","minimum":1,"default":1},
             "code":{"type":"string","pattern":"^[a-z]+$"},
             "options":{"type":"object","default":{},"properties":{"colour":{"type":"string","default":"red"}}}}}}}}}]}}
        """)
        let schema = try KubeSchema.builtin.adding(customResourceDefinition: crd)
        let good = try JSON(parsing: #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"shop"},"spec":{"size":"small"}}"#)
        let admitted = try Admission.admitCreate(good, uid: "u", schema: schema).get().object
        #expect(admitted["spec"] == ["size": "small", "replicas": 1, "options": ["colour": "red"]])

        let bad = try JSON(parsing: #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"shop"},"spec":{"size":"huge","replicas":0,"code":"A1"}}"#)
        guard case .failure(let rejection) = Admission.admitCreate(bad, uid: "u", schema: schema) else {
            Issue.record("admitted an invalid widget")
            return
        }
        #expect(rejection.code == 422)
        let causes = rejection.status[path: ["details", "causes"]]?.arrayValue?.map { "\($0["field"]!.stringValue!): \($0["message"]!.stringValue!)" }
        #expect(causes == [
            #"spec.size: Unsupported value: "huge": supported values: "small", "large""#,
            "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
            #"spec.code: Invalid value: "A1": spec.code in body should match '^[a-z]+$'"#,
        ])
        // The same rules through the entry points the request handler calls one by one.
        var direct = good
        Defaulting.apply(to: &direct, schema: schema)
        #expect(direct[path: ["spec", "replicas"]] == 1)
        #expect(Validation.validateCreate(bad, schema: schema).count == 3)

        let missing = try JSON(parsing: #"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"shop"},"spec":{}}"#)
        guard case .failure(let missingRejection) = Admission.admitCreate(missing, uid: "u", schema: schema) else {
            Issue.record("admitted a widget without size")
            return
        }
        #expect(missingRejection.status["message"] == #"Widget.example.com "w" is invalid: spec.size: Required value"#)
    }
}
