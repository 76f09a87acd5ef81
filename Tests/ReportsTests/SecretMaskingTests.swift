import Foundation
import Manifests
import Reconciler
import Reports
import Testing

/// No Secret value reaches any renderer, whichever way the report was built.
@Suite struct SecretMaskingTests {
    /// Every way a value could be spelled in output: clear, base64, JSON-escaped.
    static let forbidden: [String] = Scenarios.secretValues.flatMap { [$0, Data($0.utf8).base64EncodedString()] }

    @Test(arguments: ReportFormat.allCases)
    func secretScenarioShowsNoValue(_ format: ReportFormat) throws {
        let text = ReportRenderer(format: format, color: true).render(try Scenarios.secretChange())
        for value in SecretMaskingTests.forbidden {
            #expect(!text.contains(value), "\(format) output contains a Secret value")
        }
        #expect(text.contains("*** (changed)"))
    }

    @Test func createdSecretShowsKeysButNoValues() throws {
        let rendered = try Scenarios.master.render(["secret.yaml": """
            apiVersion: v1
            kind: Secret
            metadata: {name: fresh}
            stringData: {password: \(Scenarios.secretValues[1])}
            """])
        let desired = try Scenarios.master.prepare(rendered, revision: Scenarios.revisionB)
        let diff = try Scenarios.master.diff(desired: desired, live: [], revision: Scenarios.revisionB)
        let report = Report(kind: .diff, environments: [EnvironmentReport(diff: diff)])
        for format in ReportFormat.allCases {
            let text = ReportRenderer(format: format).render(report)
            #expect(!text.contains(Scenarios.secretValues[1]))
            #expect(text.contains("password"))
        }
    }

    /// A created object's lines are rendered when read (a first sync of 10,000 objects kept 20 MB
    /// of them), so the report keeps the manifest instead: masked when the report is built, so
    /// not even a dump of the whole value shows a Secret's value.
    @Test func aCreatedSecretsKeptManifestIsMaskedAndItsLinesAreRenderedOnRead() {
        let identity = ObjectIdentity(type: GroupVersionKind(apiVersion: "v1", kind: "Secret"), namespace: "shop", name: "db")
        let manifest: JSON = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db", "namespace": "shop"],
                              "data": ["password": "c2VjcmV0LXZhbHVl"], "stringData": ["token": "clear-token"]]
        let created = ObjectReport(identity: identity, action: .create, manifest: manifest)
        var dumped = ""
        dump(created, to: &dumped)
        for value in ["c2VjcmV0LXZhbHVl", "clear-token"] {
            #expect(!dumped.contains(value))
            #expect(!created.diff.map(\.marked).joined().contains(value))
        }
        #expect(created.hasDiff && created.diff.contains { $0.marked == "+ kind: Secret" })
        let unchanged = ObjectReport(identity: identity, action: .unchanged, manifest: manifest)
        #expect(!unchanged.hasDiff && unchanged.diff.isEmpty)
    }

    /// A caller that builds changes by hand, without the Reconciler's masking, still cannot leak.
    @Test func handBuiltChangesAreRedacted() {
        let identity = ObjectIdentity(type: GroupVersionKind(apiVersion: "v1", kind: "Secret"), namespace: "shop", name: "db")
        let changes = [
            FieldChange(path: FieldPath([.key("data"), .key("password")]), kind: .changed, old: "b2xk", new: "bmV3"),
            FieldChange(path: FieldPath([.key("stringData")]), kind: .added, old: nil, new: ["token": "clear-token"]),
            FieldChange(path: FieldPath([.key("metadata"), .key("annotations"), .key("kubectl.kubernetes.io/last-applied-configuration")]),
                        kind: .changed, old: "{\"data\":{\"password\":\"b2xk\"}}", new: "{}"),
            FieldChange(path: FieldPath([.key("type")]), kind: .changed, old: "Opaque", new: "kubernetes.io/basic-auth"),
            FieldChange(path: FieldPath([.key("metadata"), .key("annotations")]), kind: .added, old: nil,
                        new: ["kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"k\":\"b2xk\"}}", "team": "payments"]),
            FieldChange(path: FieldPath([.key("metadata"), .key("labels"), .key("tier")]), kind: .changed, old: "gold", new: "platinum"),
            FieldChange(path: FieldPath([]), kind: .added, old: nil, new: ["data": ["k": "bmV3"], "metadata": ["name": "db"]]),
        ]
        let object = ObjectReport(identity: identity, action: .configure, changes: changes,
                                  manifest: ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db"], "data": ["password": "bmV3"]])
        let report = Report(kind: .diff, environments: [EnvironmentReport(environment: "master", revision: "r1", objects: [object])])
        for format in ReportFormat.allCases {
            let text = ReportRenderer(format: format).render(report)
            for value in ["b2xk", "bmV3", "clear-token"] { #expect(!text.contains(value), "\(format) leaks \(value)") }
            for visible in ["kubernetes.io/basic-auth", "payments", "platinum"] {
                #expect(text.contains(visible), "non-value fields of a Secret stay visible")
            }
        }
    }

    /// A YAML trap in a Secret names the field, never the value written there.
    @Test func trapNoteInSecretHidesTheValue() throws {
        let report = try Scenarios.secretChange()
        let trap = try #require(report.environments[0].notes.first { $0.rule == .yamlBooleanTrap })
        #expect(trap.field == "stringData.require-ssl")
        #expect(!trap.sentence.contains(" on ") && !trap.sentence.contains("\"on\""))
    }
}
