import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// CRDs: Established, served in discovery and OpenAPI, custom objects with CRUD, printer
/// columns, the status subresource, and deletion with the CRD.
@Suite struct CustomResourceTests {
    @Test func aCRDIsEstablishedAndItsResourcesServed() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.apply(TestManifests.widgetCRD).status == 0)
            let established = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=60s")
            #expect(established.status == 0, "\(established.stderr)")
            let created = try await cluster.apply(TestManifests.widget("w1", size: 3))
            #expect(created.stdout == "widget.example.com/w1 created\n", "\(created.stderr)")
            let table = try await cluster.kubectl("get", "widgets")
            #expect(table.stdout.hasPrefix("NAME   SIZE   AGE"))
            #expect(table.stdout.contains("w1     3"))
            let short = try await cluster.kubectl("get", "wd", "w1", "-o", "jsonpath={.spec.color}")
            #expect(short.stdout == "blue")
            // Another manager changing fields that client-side apply owns conflicts, as on a real
            // server; kubectl's own server-side apply takes over what the last-applied annotation lists.
            let conflict = try await cluster.apply(TestManifests.widget("w1", size: 4, color: "red"), "--server-side", "--field-manager=ci")
            #expect(conflict.stderr.contains(#"conflicts with "kubectl-client-side-apply" using example.com/v1"#))
            let ssa = try await cluster.apply(TestManifests.widget("w1", size: 4, color: "red"), "--server-side")
            #expect(ssa.status == 0, "\(ssa.stderr)")
            #expect(try await cluster.kubectl("get", "widget", "w1", "-o", "jsonpath={.spec.size}/{.metadata.generation}").stdout == "4/2")
            let merged = try await cluster.kubectl("patch", "widget", "w1", "--type=merge", "-p", #"{"spec":{"color":"green"}}"#)
            #expect(merged.status == 0)
            let explain = try await cluster.kubectl("explain", "widgets.spec")
            #expect(explain.stdout.contains("size"), "\(explain.stderr)")
        }
    }

    @Test func theStatusSubresourceIsSeparateFromTheMainResource() async throws {
        try await withCluster { cluster in
            _ = try await cluster.apply(TestManifests.widgetCRD)
            _ = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=60s")
            _ = try await cluster.apply(TestManifests.widget("s1", size: 1))
            _ = try await cluster.kubectl("patch", "widget", "s1", "--type=merge", "-p", #"{"status":{"phase":"Ignored"}}"#)
            #expect(try await cluster.kubectl("get", "widget", "s1", "-o", "jsonpath={.status.phase}").stdout == "")
            let status = try await cluster.kubectl("patch", "widget", "s1", "--subresource=status", "--type=merge", "-p", #"{"status":{"phase":"Ready"}}"#)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(try await cluster.kubectl("get", "widget", "s1", "-o", "jsonpath={.status.phase}/{.metadata.generation}").stdout == "Ready/1")
        }
    }

    @Test func deletingTheCRDDeletesItsObjects() async throws {
        try await withCluster { cluster in
            _ = try await cluster.apply(TestManifests.widgetCRD)
            _ = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=60s")
            _ = try await cluster.apply(TestManifests.widget("gone", size: 1))
            #expect(try await cluster.kubectl("delete", "crd", "widgets.example.com").status == 0)
            let served = try await eventually(timeout: 60) {
                !(try await cluster.kubectl("api-resources", "-o", "name").stdout.contains("widgets.example.com"))
            }
            #expect(served)
            _ = try await cluster.apply(TestManifests.widgetCRD)
            _ = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=60s")
            #expect(try await cluster.kubectl("get", "widgets", "-o", "name").stdout.isEmpty)
        }
    }

    @Test func crdsSurviveARestart() async throws {
        let folder = TemporaryFolder.make("crd-restart")
        let first = try await TestCluster.start(dataDirectory: folder)
        _ = try await first.apply(TestManifests.widgetCRD)
        _ = try await first.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=60s")
        _ = try await first.apply(TestManifests.widget("kept", size: 7))
        await first.stop()
        let second = try await TestCluster.start(dataDirectory: folder)
        let size = try await second.kubectl("get", "widget", "kept", "-o", "jsonpath={.spec.size}")
        await second.stop()
        #expect(size.stdout == "7", "\(size.stderr)")
    }
}

/// What the apiextensions-apiserver does with a CRD's structural schema: `default`s, bounds
/// (maxLength, maxItems, …) and CEL `x-kubernetes-validations`, with its error wording.
@Suite struct CustomResourceSchemaTests {
    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: gadgets, singular: gadget, kind: Gadget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - rule: "self.minReplicas <= self.maxReplicas"
                      message: minReplicas must not exceed maxReplicas
                    - rule: "!has(self.mode) || self.mode in ['fast', 'safe']"
                      messageExpression: "'mode ' + self.mode + ' is not one of fast, safe'"
                    - rule: "self.name.exoticFunction()"
                    properties:
                      name:
                        type: string
                        maxLength: 8
                        x-kubernetes-validations:
                        - {rule: "self == oldSelf", message: name is immutable}
                      minReplicas: {type: integer, default: 1}
                      maxReplicas: {type: integer, default: 3}
                      mode: {type: string}
                      tags:
                        type: array
                        maxItems: 2
                        items: {type: string, minLength: 2}
                        x-kubernetes-validations:
                        - {rule: "self.all(t, t.lowerAscii() == t)", message: tags are lower case}
        """

    static func gadget(_ spec: String) -> String {
        "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g, namespace: default}\nspec: \(spec)\n"
    }

    @Test func defaultsBoundsAndValidationRules() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.apply(Self.crd).status == 0)
            #expect(try await cluster.kubectl("wait", "--for=condition=Established", "crd/gadgets.example.com", "--timeout=60s").status == 0)
            let created = try await cluster.apply(Self.gadget("{name: one}"))
            #expect(created.status == 0, "\(created.stderr)")
            #expect(try await cluster.kubectl("get", "gadget", "g", "-o", "jsonpath={.spec.minReplicas}/{.spec.maxReplicas}").stdout == "1/3")
            let crossed = try await cluster.apply(Self.gadget("{name: one, minReplicas: 5, maxReplicas: 2}"))
            #expect(crossed.stderr.contains(#"spec: Invalid value: "object": minReplicas must not exceed maxReplicas"#), "\(crossed.stderr)")
            let mode = try await cluster.apply(Self.gadget("{name: one, mode: reckless}"))
            #expect(mode.stderr.contains("mode reckless is not one of fast, safe"), "\(mode.stderr)")
            let renamed = try await cluster.apply(Self.gadget("{name: two}"))
            #expect(renamed.stderr.contains(#"spec.name: Invalid value: "string": name is immutable"#), "\(renamed.stderr)")
            let long = try await cluster.kubectl(["create", "-f", "-"], input: Self.gadget("{name: far-too-long}").replacingOccurrences(of: "name: g,", with: "name: h,"))
            #expect(long.stderr.contains("spec.name: Too long: may not be more than 8 bytes"), "\(long.stderr)")
            let tags = try await cluster.apply(Self.gadget("{name: one, tags: [Ab, c, d]}"))
            #expect(tags.stderr.contains("spec.tags: Too many: 3: must have at most 2 items"), "\(tags.stderr)")
            #expect(tags.stderr.contains(#"spec.tags[1]: Invalid value: "c": spec.tags[1] in body should be at least 2 chars long"#))
            #expect(tags.stderr.contains(#"spec.tags: Invalid value: "array": tags are lower case"#))
            #expect(try await cluster.apply(Self.gadget("{name: one, mode: safe, tags: [ab]}")).status == 0)
        }
    }
}
