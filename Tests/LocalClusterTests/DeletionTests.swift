import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// Deletion as a real API server and its garbage collector do it.
@Suite struct DeletionTests {
    @Test func deletingADeploymentCascadesToReplicaSetsAndPods() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("cascade"))
            _ = try await cluster.kubectl("rollout", "status", "deployment/cascade", "--timeout=60s")
            let deleted = try await cluster.kubectl("delete", "deployment", "cascade")
            #expect(deleted.stdout == "deployment.apps \"cascade\" deleted\n")
            let empty = try await eventually(timeout: 60) {
                try await cluster.kubectl("get", "rs,pods", "-o", "name").stdout.isEmpty
            }
            #expect(empty)
        }
    }

    @Test func orphanAndForegroundPropagation() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("orphaned", replicas: 1))
            _ = try await cluster.kubectl("rollout", "status", "deployment/orphaned", "--timeout=60s")
            _ = try await cluster.kubectl("delete", "deployment", "orphaned", "--cascade=orphan")
            let kept = try await eventually(timeout: 60) {
                let owners = try await cluster.kubectl("get", "rs", "-o", "jsonpath={.items[0].metadata.ownerReferences}")
                return owners.status == 0 && owners.stdout.isEmpty
            }
            #expect(kept)
            #expect(try await cluster.kubectl("get", "deploy", "orphaned").status == 1)
            try await cluster.apply(TestManifests.deployment("front", replicas: 1))
            _ = try await cluster.kubectl("rollout", "status", "deployment/front", "--timeout=60s")
            let foreground = try await cluster.kubectl("delete", "deployment", "front", "--cascade=foreground", "--timeout=60s")
            #expect(foreground.status == 0, "\(foreground.stderr)")
            #expect(try await cluster.kubectl("get", "pods", "-l", "app=front", "-o", "name").stdout.isEmpty)
        }
    }

    @Test func finalizersHoldAnObjectUntilRemoved() async throws {
        try await withCluster { cluster in
            try await cluster.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: held, namespace: default, finalizers: [example.com/hold]}
                data: {a: "1"}
                """)
            _ = try await cluster.kubectl("delete", "cm", "held", "--wait=false")
            let terminating = try await cluster.kubectl("get", "cm", "held", "-o", "jsonpath={.metadata.deletionTimestamp}")
            #expect(!terminating.stdout.isEmpty)
            _ = try await cluster.kubectl("patch", "cm", "held", "--type=merge", "-p", #"{"metadata":{"finalizers":null}}"#)
            #expect(try await cluster.kubectl("get", "cm", "held").status == 1)
        }
    }

    @Test func deletingANamespaceDeletesItsObjects() async throws {
        try await withCluster { cluster in
            try await cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: doomed}\n")
            try await cluster.apply(TestManifests.configMap("inside", data: ["a": "1"], namespace: "doomed"))
            let deleted = try await cluster.kubectl("delete", "namespace", "doomed", "--timeout=60s")
            #expect(deleted.stdout == "namespace \"doomed\" deleted\n", "\(deleted.stderr)")
            #expect(try await cluster.kubectl("get", "namespace", "doomed").status == 1)
            try await cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: doomed}\n")
            #expect(!(try await cluster.kubectl("get", "cm", "-n", "doomed", "-o", "name").stdout.contains("inside")))
        }
    }

    @Test func aFinalizerKeepsItsNamespaceTerminating() async throws {
        try await withCluster { cluster in
            try await cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: sticky}\n")
            try await cluster.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: held, namespace: sticky, finalizers: [example.com/hold]}
                """)
            _ = try await cluster.kubectl("delete", "namespace", "sticky", "--wait=false")
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await cluster.kubectl("get", "ns", "sticky", "-o", "jsonpath={.status.phase}").stdout == "Terminating")
            _ = try await cluster.kubectl("patch", "cm", "held", "-n", "sticky", "--type=merge", "-p", #"{"metadata":{"finalizers":null}}"#)
            let gone = try await eventually(timeout: 60) { try await cluster.kubectl("get", "ns", "sticky").status == 1 }
            #expect(gone)
        }
    }

    /// `kubectl delete ns --cascade=foreground` (what a reconciler's prune sends) finishes: the
    /// garbage collector's `foregroundDeletion` finalizer goes once the namespace controller has
    /// emptied it, and the namespace can be created again.
    @Test func aForegroundNamespaceDeletionFinishes() async throws {
        try await withCluster { cluster in
            try await cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: front}\n")
            try await cluster.apply(TestManifests.deployment("inside", replicas: 1).replacingOccurrences(of: "namespace: default", with: "namespace: front"))
            let deleted = try await cluster.kubectl("delete", "namespace", "front", "--cascade=foreground", "--timeout=60s")
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(try await cluster.kubectl("get", "namespace", "front").status == 1)
            try await cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: front}\n")
            #expect(try await cluster.kubectl("get", "ns", "front", "-o", "jsonpath={.status.phase}").stdout == "Active")
        }
    }

    /// Creating in a terminating namespace is 403 Forbidden with the `NamespaceTerminating` cause
    /// (plugin/pkg/admission/namespace/lifecycle), and the conditions say what is left.
    @Test func aTerminatingNamespaceRefusesNewContentWithItsCause() async throws {
        try await withCluster { cluster in
            try await cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: closing}\n")
            try await cluster.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: held, namespace: closing, finalizers: [example.com/hold]}
                """)
            _ = try await cluster.kubectl("delete", "namespace", "closing", "--wait=false")
            let created = try await cluster.curl("/api/v1/namespaces/closing/configmaps", method: "POST",
                                                 headers: ["Content-Type: application/json"],
                                                 body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late"}}"#)
            #expect(created.httpStatus == 403)
            let status = try JSON(parsing: created.httpBody)
            #expect(status["reason"] == "Forbidden")
            #expect(status["message"] == #"configmaps "late" is forbidden: unable to create new content in namespace closing because it is being terminated"#)
            #expect(status[path: ["details", "causes"]] == [["reason": "NamespaceTerminating", "message": "namespace closing is being terminated",
                                                              "field": "metadata.namespace"]])
            let applied = try await cluster.apply(TestManifests.configMap("late", data: [:], namespace: "closing"), "--server-side")
            #expect(applied.stderr.contains("because it is being terminated"))
            let reported = try await eventually(timeout: 60) {
                try await cluster.kubectl("get", "ns", "closing", "-o", #"jsonpath={.status.conditions[?(@.type=="NamespaceFinalizersRemaining")].message}"#)
                    .stdout == "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"
            }
            #expect(reported)
        }
    }

    /// A namespace deletion under way when the cluster stops finishes after the restart.
    @Test func aNamespaceDeletionResumesAfterARestart() async throws {
        let folder = TemporaryFolder.make("ns-restart")
        let first = try await TestCluster.start(dataDirectory: folder)
        try await first.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: paused}\n")
        try await first.apply("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: held, namespace: paused, finalizers: [example.com/hold]}
            """)
        _ = try await first.kubectl("delete", "namespace", "paused", "--cascade=foreground", "--wait=false")
        await first.stop()
        let second = try await TestCluster.start(dataDirectory: folder)
        do {
            #expect(try await second.kubectl("get", "ns", "paused", "-o", "jsonpath={.status.phase}").stdout == "Terminating")
            _ = try await second.kubectl("patch", "cm", "held", "-n", "paused", "--type=merge", "-p", #"{"metadata":{"finalizers":null}}"#)
            let gone = try await eventually(timeout: 60) { try await second.kubectl("get", "ns", "paused").status == 1 }
            #expect(gone)
        }
        await second.stop()
    }

    @Test func preconditionsAreChecked() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("guarded", data: ["a": "1"]))
            let result = try await cluster.curl("/api/v1/namespaces/default/configmaps/guarded", method: "DELETE",
                                                headers: ["Content-Type: application/json"],
                                                body: #"{"preconditions":{"uid":"not-it"}}"#)
            #expect(result.httpStatus == 409)
            #expect(result.httpBody.contains("Precondition failed: UID in precondition: not-it"))
        }
    }
}
