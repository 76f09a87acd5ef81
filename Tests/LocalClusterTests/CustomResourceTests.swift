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
            let established = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s")
            #expect(established.status == 0, "\(established.stderr)")
            let created = try await cluster.apply(TestManifests.widget("w1", size: 3))
            #expect(created.stdout == "widget.example.com/w1 created\n", "\(created.stderr)")
            let table = try await cluster.kubectl("get", "widgets")
            #expect(table.stdout.hasPrefix("NAME   SIZE   AGE"))
            #expect(table.stdout.contains("w1     3"))
            let short = try await cluster.kubectl("get", "wd", "w1", "-o", "jsonpath={.spec.color}")
            #expect(short.stdout == "blue")
            // Changing fields that client-side apply owns conflicts, as on a real server; the same values
            // migrate ownership (kubectl rewrites managedFields), after which changes apply.
            let conflict = try await cluster.apply(TestManifests.widget("w1", size: 4, color: "red"), "--server-side")
            #expect(conflict.stderr.contains(#"conflicts with "kubectl-client-side-apply" using example.com/v1"#))
            _ = try await cluster.apply(TestManifests.widget("w1", size: 3), "--server-side")
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
            _ = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s")
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
            _ = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s")
            _ = try await cluster.apply(TestManifests.widget("gone", size: 1))
            #expect(try await cluster.kubectl("delete", "crd", "widgets.example.com").status == 0)
            let served = try await eventually {
                !(try await cluster.kubectl("api-resources", "-o", "name").stdout.contains("widgets.example.com"))
            }
            #expect(served)
            _ = try await cluster.apply(TestManifests.widgetCRD)
            _ = try await cluster.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s")
            #expect(try await cluster.kubectl("get", "widgets", "-o", "name").stdout.isEmpty)
        }
    }

    @Test func crdsSurviveARestart() async throws {
        let folder = TemporaryFolder.make("crd-restart")
        let first = try await TestCluster.start(dataDirectory: folder)
        _ = try await first.apply(TestManifests.widgetCRD)
        _ = try await first.kubectl("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s")
        _ = try await first.apply(TestManifests.widget("kept", size: 7))
        await first.stop()
        let second = try await TestCluster.start(dataDirectory: folder)
        let size = try await second.kubectl("get", "widget", "kept", "-o", "jsonpath={.spec.size}")
        await second.stop()
        #expect(size.stdout == "7", "\(size.stderr)")
    }
}
