import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests
import MergePatch

/// `kubectl apply --server-side` and `kubectl diff` against the local cluster.
@Suite struct ServerSideApplyTests {
    @Test func serverSideApplyCreatesUpdatesAndRemovesFields() async throws {
        try await withCluster { cluster in
            let created = try await cluster.apply(TestManifests.configMap("ssa", data: ["a": "1", "b": "2"]), "--server-side")
            #expect(created.stdout == "configmap/ssa serverside-applied\n")
            let managers = try await cluster.kubectl("get", "cm", "ssa", "-o", "jsonpath={.metadata.managedFields[*].manager}",
                                                     "--show-managed-fields")
            #expect(managers.stdout == "kubectl")
            _ = try await cluster.apply(TestManifests.configMap("ssa", data: ["a": "9"]), "--server-side")
            let data = try await cluster.kubectl("get", "cm", "ssa", "-o", "jsonpath={.data}")
            #expect(data.stdout == #"{"a":"9"}"#)
        }
    }

    @Test func aConflictFailsWithKubectlsOwnMessageUnlessForced() async throws {
        try await withCluster { cluster in
            _ = try await cluster.apply(TestManifests.deployment("owned", replicas: 2), "--server-side", "--field-manager=team-a")
            let conflict = try await cluster.apply(TestManifests.deployment("owned", replicas: 5), "--server-side", "--field-manager=team-b")
            #expect(conflict.status != 0)
            #expect(conflict.stderr.contains(#"error: Apply failed with 1 conflict: conflict with "team-a": .spec.replicas"#))
            #expect(conflict.stderr.contains("--force-conflicts"))
            let forced = try await cluster.apply(TestManifests.deployment("owned", replicas: 5), "--server-side",
                                                 "--field-manager=team-b", "--force-conflicts")
            #expect(forced.status == 0)
            let replicas = try await cluster.kubectl("get", "deploy", "owned", "-o", "jsonpath={.spec.replicas}")
            #expect(replicas.stdout == "5")
        }
    }

    @Test func diffExitsZeroWhenInSyncAndOneWhenNot() async throws {
        try await withCluster { cluster in
            let manifest = TestManifests.configMap("diffed", data: ["a": "1"])
            _ = try await cluster.apply(manifest, "--server-side")
            let clean = try await cluster.kubectl(["diff", "--server-side", "-f", "-"], input: manifest)
            #expect(clean.status == 0)
            #expect(clean.stdout.isEmpty)
            let changed = try await cluster.kubectl(["diff", "--server-side", "-f", "-"], input: TestManifests.configMap("diffed", data: ["a": "2"]))
            #expect(changed.status == 1)
            #expect(changed.stdout.contains("-  a: \"1\""))
            #expect(changed.stdout.contains("+  a: \"2\""))
            let clientSide = try await cluster.kubectl(["diff", "-f", "-"], input: TestManifests.configMap("diffed", data: ["a": "2"]))
            #expect(clientSide.status == 1)
        }
    }

    @Test func applyWithoutFieldManagerIsRejected() async throws {
        try await withCluster { cluster in
            let result = try await cluster.curl("/api/v1/namespaces/default/configmaps/x", method: "PATCH",
                                                headers: ["Content-Type: application/apply-patch+yaml"],
                                                body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}"#)
            #expect(result.httpStatus == 422)
            #expect(result.httpBody.contains("fieldManager: Required value: is required for apply patch"))
        }
    }

    @Test func applyConfigurationsMayBeYAML() async throws {
        try await withCluster { cluster in
            let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  answer: \"42\"\n"
            let result = try await cluster.curl("/api/v1/namespaces/default/configmaps/from-yaml?fieldManager=yaml-client", method: "PATCH",
                                                headers: ["Content-Type: application/apply-patch+yaml"], body: yaml)
            #expect(result.httpStatus == 201, "\(result.httpBody)")
            #expect(try await cluster.kubectl("get", "cm", "from-yaml", "-o", "jsonpath={.data.answer}").stdout == "42")
            let bad = try await cluster.curl("/api/v1/namespaces/default/configmaps/from-yaml?fieldManager=yaml-client", method: "PATCH",
                                             headers: ["Content-Type: application/apply-patch+yaml"], body: "a: [unclosed\n")
            #expect(bad.httpStatus == 400)
        }
    }
}

/// Client-side apply, then server-side apply by kubectl, then client-side again: kube-apiserver's
/// `lastAppliedManager` lets field manager `kubectl` take over the fields recorded in the
/// last-applied annotation without a conflict, and `lastAppliedUpdater` rewrites that annotation
/// from each server-side apply (k8s.io/apimachinery util/managedfields/internal/lastapplied*.go).
@Suite struct ClientToServerSideApplyTests {
    static let binaries = ["/usr/lib/google-cloud-sdk/bin/kubectl.1.28", "/usr/lib/google-cloud-sdk/bin/kubectl.1.30",
                           "/usr/lib/google-cloud-sdk/bin/kubectl.1.32", "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"]

    @Test(arguments: binaries)
    func kubectlTakesOverClientSideAppliedFieldsAndKeepsTheAnnotation(binary: String) async throws {
        try await withCluster { cluster in
            func apply(_ data: [String: String], _ extra: [String] = []) async throws -> CommandResult {
                try await cluster.kubectl(["apply", "-f", "-"] + extra, binary: binary, input: TestManifests.configMap("take", data: data))
            }
            #expect(try await apply(["a": "1", "b": "2"]).stdout == "configmap/take created\n")
            let switched = try await apply(["a": "changed", "b": "2", "c": "3"], ["--server-side"])
            #expect(switched.status == 0, "\(switched.stderr)")
            #expect(try await cluster.kubectl("get", "cm", "take", "-o", "jsonpath={.data}").stdout == #"{"a":"changed","b":"2","c":"3"}"#)
            let annotation = try await cluster.kubectl("get", "cm", "take", "-o",
                                                       #"jsonpath={.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}"#)
            #expect(annotation.stdout == #"{"apiVersion":"v1","data":{"a":"changed","b":"2","c":"3"},"kind":"ConfigMap","metadata":{"name":"take","namespace":"default"}}"# + "\n")
            // Client-side again: its three-way diff reads the annotation, so b and c go.
            #expect(try await apply(["a": "changed"]).status == 0)
            #expect(try await cluster.kubectl("get", "cm", "take", "-o", "jsonpath={.data}").stdout == #"{"a":"changed"}"#)
        }
    }

    @Test func fieldsOutsideTheLastAppliedConfigurationStillConflict() async throws {
        try await withCluster { cluster in
            _ = try await cluster.apply(TestManifests.configMap("mixed", data: ["a": "1"]))
            #expect(try await cluster.kubectl("patch", "cm", "mixed", "--type=merge", "-p", #"{"data":{"x":"9"}}"#).status == 0)
            let conflict = try await cluster.apply(TestManifests.configMap("mixed", data: ["a": "2", "x": "10"]), "--server-side")
            #expect(conflict.status != 0)
            #expect(conflict.stderr.contains(#"conflict with "kubectl-patch" using v1: .data.x"#), "\(conflict.stderr)")
            // Another field manager gets no takeover at all.
            let other = try await cluster.apply(TestManifests.configMap("mixed", data: ["a": "3"]), "--server-side", "--field-manager=ci")
            #expect(other.stderr.contains(#"conflict with "kubectl-client-side-apply""#), "\(other.stderr)")
        }
    }
}

@Suite struct ApplyGenerationTests {
    /// `fieldRef` is an atomic struct: a re-apply replaces it without its defaulted `apiVersion`,
    /// which defaulting puts back, so nothing changed and the generation stays (the server
    /// compares defaulted objects).
    @Test func reapplyingAnAtomicStructWithoutItsDefaultsChangesNothing() async throws {
        try await withCluster { cluster in
            let manifest = TestManifests.deployment("env", replicas: 1).replacingOccurrences(of: "        ports:", with: """
                        env:
                        - name: POD_NAME
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        ports:
                """)
            #expect(try await cluster.apply(manifest, "--server-side").status == 0)
            #expect(try await cluster.kubectl("rollout", "status", "deployment/env", "--timeout=60s").status == 0)
            let before = try await cluster.kubectl("get", "deploy", "env", "-o", "jsonpath={.metadata.generation}").stdout
            #expect(try await cluster.apply(manifest, "--server-side").status == 0)
            let after = try await cluster.kubectl("get", "deploy", "env", "-o", "jsonpath={.metadata.generation}").stdout
            #expect(before == "1" && after == "1")
            #expect(try await cluster.kubectl(["diff", "--server-side", "-f", "-"], input: manifest).status == 0)
        }
    }
}
