import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// The real kubectl against the local cluster: reads, client-side apply, patches, labels,
/// deletes and the error messages a real API server gives.
@Suite struct KubectlReadWriteTests {
    @Test func getPrintsServerSideTablesAndYAML() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("settings", data: ["a": "1", "b": "2"]))
            let table = try await cluster.kubectl("get", "configmap", "settings")
            #expect(table.stdout.hasPrefix("NAME       DATA   AGE"))
            #expect(table.stdout.contains("settings   2      "))
            let yaml = try await cluster.kubectl("get", "configmap", "settings", "-o", "yaml")
            #expect(yaml.stdout.contains("kind: ConfigMap"))
            #expect(yaml.stdout.contains("  a: \"1\""))
            #expect(yaml.stdout.contains("resourceVersion: "))
            #expect(yaml.stdout.contains("uid: "))
            let namespaces = try await cluster.kubectl("get", "namespaces")
            #expect(namespaces.stdout.hasPrefix("NAME              STATUS   AGE"))
            let described = try await cluster.kubectl("describe", "configmap", "settings")
            #expect(described.status == 0)
            #expect(described.stdout.contains("Name:         settings"))
        }
    }

    @Test func lessCommonKindsPrintTheRealColumns() async throws {
        try await withCluster { cluster in
            try await cluster.apply("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: pdb, namespace: default}
                spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: rb, namespace: default}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects: [{kind: ServiceAccount, name: default, namespace: default}]
                """)
            #expect(try await cluster.kubectl("get", "pdb").stdout.hasPrefix("NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE"))
            let bindings = try await cluster.kubectl("get", "rolebinding").stdout
            #expect(bindings.hasPrefix("NAME   ROLE               AGE"))
            #expect(bindings.contains("rb     ClusterRole/view"))
            #expect(try await cluster.kubectl("get", "secrets").stdout.isEmpty)
        }
    }

    @Test func applyWithPruneRemovesWhatTheManifestNoLongerHas() async throws {
        try await withCluster { cluster in
            let both = TestManifests.configMap("a", data: ["x": "1"], labels: ["set": "x"]) + "---\n"
                + TestManifests.configMap("b", data: ["x": "1"], labels: ["set": "x"])
            let first = try await cluster.kubectl(["apply", "-l", "set=x", "--prune", "-f", "-"], input: both)
            #expect(first.status == 0, "\(first.stderr)")
            let pruned = try await cluster.kubectl(["apply", "-l", "set=x", "--prune", "-f", "-"],
                                                   input: TestManifests.configMap("a", data: ["x": "1"], labels: ["set": "x"]))
            #expect(pruned.stdout.contains("configmap/b pruned"), "\(pruned.stderr)")
            #expect(try await cluster.kubectl("get", "cm", "-l", "set=x", "-o", "name").stdout == "configmap/a\n")
        }
    }

    @Test func clientSideApplyCreatesUpdatesAndRemovesFields() async throws {
        try await withCluster { cluster in
            let created = try await cluster.apply(TestManifests.configMap("app", data: ["keep": "1", "drop": "2"]))
            #expect(created.stdout == "configmap/app created\n")
            let same = try await cluster.apply(TestManifests.configMap("app", data: ["keep": "1", "drop": "2"]))
            #expect(same.stdout == "configmap/app unchanged\n")
            let updated = try await cluster.apply(TestManifests.configMap("app", data: ["keep": "3"]))
            #expect(updated.stdout == "configmap/app configured\n")
            let data = try await cluster.kubectl("get", "cm", "app", "-o", "jsonpath={.data}")
            #expect(data.stdout == "{\"keep\":\"3\"}")
        }
    }

    @Test func aWriteThatChangesNothingKeepsTheResourceVersion() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("steady", data: ["a": "1"]))
            let before = try await cluster.kubectl("get", "cm", "steady", "-o", "jsonpath={.metadata.resourceVersion}").stdout
            _ = try await cluster.kubectl("label", "cm", "steady", "team=x", "--overwrite")
            _ = try await cluster.kubectl("label", "cm", "steady", "team=x", "--overwrite")
            let afterLabel = try await cluster.kubectl("get", "cm", "steady", "-o", "jsonpath={.metadata.resourceVersion}").stdout
            #expect(afterLabel != before)
            _ = try await cluster.kubectl("patch", "cm", "steady", "--type=merge", "-p", #"{"data":{"a":"1"}}"#)
            let afterNoop = try await cluster.kubectl("get", "cm", "steady", "-o", "jsonpath={.metadata.resourceVersion}").stdout
            #expect(afterNoop == afterLabel)
        }
    }

    @Test func patchesOfAllThreeTypes() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.deployment("patched"))
            let merge = try await cluster.kubectl("patch", "deployment", "patched", "--type=merge", "-p", #"{"spec":{"replicas":3}}"#)
            #expect(merge.stdout == "deployment.apps/patched patched\n")
            let strategic = try await cluster.kubectl("patch", "deployment", "patched", "-p",
                                                      #"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}"#)
            #expect(strategic.status == 0)
            let names = try await cluster.kubectl("get", "deployment", "patched", "-o", "jsonpath={.spec.template.spec.containers[*].name}")
            // Strategic merge by the `name` key: the new container joins, `main` stays (order is the patch engine's).
            #expect(Set(names.stdout.split(separator: " ")) == ["main", "sidecar"])
            let json = try await cluster.kubectl("patch", "deployment", "patched", "--type=json", "-p",
                                                 #"[{"op":"replace","path":"/spec/replicas","value":1}]"#)
            #expect(json.status == 0)
            let replicas = try await cluster.kubectl("get", "deployment", "patched", "-o", "jsonpath={.spec.replicas}")
            #expect(replicas.stdout == "1")
            let badTest = try await cluster.kubectl("patch", "deployment", "patched", "--type=json", "-p",
                                                    #"[{"op":"test","path":"/spec/replicas","value":5}]"#)
            #expect(badTest.status != 0)
        }
    }

    /// A patch that renames or moves the object is refused (apiserver `checkName`), whichever patch type.
    @Test func aPatchCannotRenameOrMoveAnObject() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("named", data: ["a": "1"]))
            let merge = try await cluster.kubectl("patch", "cm", "named", "--type=merge", "-p", #"{"metadata":{"name":"renamed"}}"#)
            #expect(merge.status != 0)
            #expect(merge.stderr.contains("the name of the object (renamed) does not match the name on the URL (named)"), "\(merge.stderr)")
            let json = try await cluster.kubectl("patch", "cm", "named", "--type=json", "-p",
                                                 #"[{"op":"replace","path":"/metadata/name","value":"other"}]"#)
            #expect(json.stderr.contains("does not match the name on the URL (named)"))
            let raw = try await cluster.curl("/api/v1/namespaces/default/configmaps/named", method: "PATCH",
                                             headers: ["Content-Type: application/strategic-merge-patch+json"],
                                             body: #"{"metadata":{"namespace":"kube-system"}}"#)
            #expect(raw.httpStatus == 400)
            #expect(raw.httpBody.contains("the namespace of the object (kube-system) does not match the namespace on the request (default)"))
            #expect(try await cluster.kubectl("get", "cm", "named", "-o", "jsonpath={.metadata.name}").stdout == "named")
            let names = try await cluster.kubectl("get", "cm", "-o", "name").stdout
            #expect(names.contains("configmap/named\n") && !names.contains("renamed") && !names.contains("other"))
        }
    }

    @Test func labelAndAnnotate() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("tagged", data: ["a": "1"]))
            #expect(try await cluster.kubectl("label", "cm", "tagged", "tier=web").stdout == "configmap/tagged labeled\n")
            #expect(try await cluster.kubectl("annotate", "cm", "tagged", "owner=me").stdout == "configmap/tagged annotated\n")
            let selected = try await cluster.kubectl("get", "cm", "-l", "tier in (web,db)", "-o", "name")
            #expect(selected.stdout == "configmap/tagged\n")
            let notSelected = try await cluster.kubectl("get", "cm", "-l", "tier!=web,!missing", "-o", "name")
            #expect(!notSelected.stdout.contains("tagged"))
            let annotation = try await cluster.kubectl("get", "cm", "tagged", "-o", "jsonpath={.metadata.annotations.owner}")
            #expect(annotation.stdout == "me")
            _ = try await cluster.kubectl("label", "cm", "tagged", "tier-")
            let unlabeled = try await cluster.kubectl("get", "cm", "-l", "tier", "-o", "name")
            #expect(unlabeled.stdout.isEmpty)
        }
    }

    @Test func errorsCarryTheRealServersMessages() async throws {
        try await withCluster { cluster in
            let missing = try await cluster.kubectl("get", "configmap", "nope")
            #expect(missing.status == 1)
            #expect(missing.stderr.contains(#"Error from server (NotFound): configmaps "nope" not found"#))
            let missingDeployment = try await cluster.kubectl("get", "deployment", "nope")
            #expect(missingDeployment.stderr.contains(#"deployments.apps "nope" not found"#))
            try await cluster.apply(TestManifests.configMap("twice", data: ["a": "1"]))
            let again = try await cluster.kubectl(["create", "-f", "-"], input: TestManifests.configMap("twice", data: ["a": "1"]))
            #expect(again.stderr.contains(#"Error from server (AlreadyExists): error when creating "STDIN": configmaps "twice" already exists"#))
            let noNamespace = try await cluster.kubectl(["create", "-f", "-"],
                                                        input: TestManifests.configMap("lost", data: ["a": "1"], namespace: "ghost"))
            #expect(noNamespace.stderr.contains(#"namespaces "ghost" not found"#))
            let invalid = try await cluster.kubectl(["create", "-f", "-"], input: TestManifests.configMap("Bad_Name", data: ["a": "1"]))
            #expect(invalid.stderr.contains(#"The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain"#))
            let unknownField = try await cluster.kubectl(["apply", "-f", "-"], input: """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: strict, namespace: default}
                bogus: true
                """)
            #expect(unknownField.status != 0)
            #expect(unknownField.stderr.contains(#"unknown field "bogus""#))
        }
    }

    @Test func staleUpdatesConflict() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.deployment("raced"))
            let stale = try await cluster.kubectl("get", "deployment", "raced", "-o", "json").stdout
            _ = try await cluster.kubectl("scale", "deployment", "raced", "--replicas=4")
            let replaced = try await cluster.kubectl(["replace", "-f", "-"], input: stale)
            #expect(replaced.status != 0)
            #expect(replaced.stderr.contains(#"Operation cannot be fulfilled on deployments.apps "raced": the object has been modified; please apply your changes to the latest version and try again"#))
        }
    }

    @Test func serverDryRunStoresNothing() async throws {
        try await withCluster { cluster in
            let dry = try await cluster.apply(TestManifests.configMap("ghost", data: ["a": "1"]), "--dry-run=server")
            #expect(dry.stdout == "configmap/ghost created (server dry run)\n")
            let get = try await cluster.kubectl("get", "cm", "ghost")
            #expect(get.status == 1)
        }
    }

    @Test func generationMovesOnlyWithSpecChanges() async throws {
        try await withCluster(timeScale: 1) { cluster in
            try await cluster.apply(TestManifests.deployment("gen"))
            func generation() async throws -> String {
                try await cluster.kubectl("get", "deploy", "gen", "-o", "jsonpath={.metadata.generation}").stdout
            }
            #expect(try await generation() == "1")
            _ = try await cluster.kubectl("label", "deploy", "gen", "x=y")
            #expect(try await generation() == "1")
            _ = try await cluster.kubectl("scale", "deploy", "gen", "--replicas=5")
            #expect(try await generation() == "2")
        }
    }
}

@Suite struct FieldValidationTests {
    @Test func warnAcceptsUnknownFieldsWithAWarningHeaderAndIgnoreIsSilent() async throws {
        try await withCluster { cluster in
            let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"loose"},"bogus":1,"data":{"a":"1"}}"#
            let warned = try await Command.run("curl", ["-s", "-D", "-", "-o", "/dev/null", "-X", "POST",
                                                        "-H", "Authorization: Bearer \(cluster.server.token)",
                                                        "-H", "Content-Type: application/json", "--data-binary", body,
                                                        cluster.server.url + "/api/v1/namespaces/default/configmaps?fieldValidation=Warn"],
                                               environment: [:], input: nil)
            #expect(warned.stdout.hasPrefix("HTTP/1.1 201"))
            #expect(warned.stdout.contains(#"Warning: 299 - "unknown field \"bogus\"""#))
            let strict = try await cluster.curl("/api/v1/namespaces/default/configmaps?fieldValidation=Strict", method: "POST",
                                                headers: ["Content-Type: application/json"], body: body.replacingOccurrences(of: "loose", with: "tight"))
            #expect(strict.httpStatus == 400)
            #expect(strict.httpBody.contains(#"strict decoding error: unknown field \"bogus\""#))
            let stored = try await cluster.kubectl("get", "cm", "loose", "-o", "json").stdout
            #expect(!stored.contains("bogus"))
        }
    }
}
