import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// The everyday kubectl commands, with kubectl 1.28, 1.30, 1.32 and 1.33, answered as a 1.32 API
/// server answers them: the same exit codes and the same lines. Expected texts are kubectl's own
/// (k8s.io/kubectl `pkg/cmd/*` success messages, `pkg/polymorphichelpers` rollout texts,
/// `pkg/describe` field names) given a server that returns what kube-apiserver 1.32 returns.
@Suite(.serialized) struct KubectlConformanceTests {
    static let binaries = [28, 30, 32, 33].map { "/usr/lib/google-cloud-sdk/bin/kubectl.1.\($0)" }

    /// `kubectl create <kind>` for every subcommand, then `describe` of each (and of the kinds made from files).
    @Test(arguments: binaries)
    func createAndDescribeEveryKind(binary: String) async throws {
        try await withCluster { cluster in
            func run(_ arguments: String...) async throws -> CommandResult { try await cluster.kubectl(arguments, binary: binary) }
            let creations: [([String], String)] = [
                (["deployment", "web", "--image=nginx:1.25", "--replicas=2"], "deployment.apps/web created"),
                (["service", "clusterip", "web", "--tcp=80:80"], "service/web created"),
                (["job", "once", "--image=busybox:1.36"], "job.batch/once created"),
                (["cronjob", "nightly", "--image=busybox:1.36", "--schedule=0 3 * * *"], "cronjob.batch/nightly created"),
                (["configmap", "settings", "--from-literal=a=1"], "configmap/settings created"),
                (["secret", "generic", "keys", "--from-literal=a=1"], "secret/keys created"),
                (["serviceaccount", "bot"], "serviceaccount/bot created"),
                (["role", "reader", "--verb=get", "--resource=pods"], "role.rbac.authorization.k8s.io/reader created"),
                (["rolebinding", "read", "--role=reader", "--serviceaccount=default:bot"], "rolebinding.rbac.authorization.k8s.io/read created"),
                (["clusterrole", "nodes", "--verb=get", "--resource=nodes"], "clusterrole.rbac.authorization.k8s.io/nodes created"),
                (["clusterrolebinding", "nodes", "--clusterrole=nodes", "--user=ops"], "clusterrolebinding.rbac.authorization.k8s.io/nodes created"),
                (["quota", "small", "--hard=pods=10"], "resourcequota/small created"),
                (["poddisruptionbudget", "keep", "--selector=app=web", "--min-available=1"], "poddisruptionbudget.policy/keep created"),
                (["ingress", "site", "--rule=example.com/=web:80"], "ingress.networking.k8s.io/site created"),
                (["priorityclass", "high", "--value=1000"], "priorityclass.scheduling.k8s.io/high created"),
                (["namespace", "made"], "namespace/made created"),
            ]
            for (arguments, expected) in creations {
                let created = try await cluster.kubectl(["create"] + arguments, binary: binary)
                #expect(created.stdout == expected + "\n", "kubectl create \(arguments.joined(separator: " ")): \(created.stderr)")
            }
            #expect(try await run("create", "token", "bot").stdout.split(separator: ".").count == 3)
            try await cluster.apply(StatefulWorkloadTests.statefulSet(image: "postgres:16", replicas: 1))
            try await cluster.apply("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: default}
                spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 3}
                """)
            #expect(try await run("rollout", "status", "deployment/web", "--timeout=60s").status == 0)
            #expect(try await run("rollout", "status", "statefulset/db", "--timeout=60s").status == 0)
            let described = ["deployment/web", "replicaset", "pod", "service/web", "endpoints/web", "endpointslice", "job/once",
                             "cronjob/nightly", "configmap/settings", "secret/keys", "serviceaccount/bot", "role/reader", "rolebinding/read",
                             "resourcequota/small", "pdb/keep", "ingress/site", "statefulset/db", "pvc", "hpa/web", "controllerrevision"]
            for target in described {
                let result = try await run("describe", target)
                #expect(result.status == 0 && result.stdout.contains("Name:"), "describe \(target): \(result.stderr)")
            }
            for target in ["node/local-node", "namespace/made", "clusterrole/nodes", "clusterrolebinding/nodes", "priorityclass/high",
                           "pv", "apiservice/v1.apps", "storageclass", "flowschema/catch-all", "prioritylevelconfiguration/exempt"] {
                let result = try await run("describe", target)
                #expect(result.status == 0, "describe \(target): \(result.stderr)")
            }
            let deployment = try await run("describe", "deployment", "web")
            #expect(deployment.stdout.contains("Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable"))
            #expect(deployment.stdout.contains("StrategyType:           RollingUpdate"))
            #expect(deployment.stdout.contains("  Available      True    MinimumReplicasAvailable"))
            #expect(deployment.stdout.contains("NewReplicaSet:   web-"))
            let node = try await run("describe", "node", "local-node")
            #expect(node.stdout.contains("  Ready            True    ") && node.stdout.contains("KubeletReady"), "\(node.stdout)")
        }
    }

    /// `apply` client-side and server-side, and from one to the other; `diff` exit codes
    /// (0 in sync, 1 different: `kubectl diff` documents them).
    @Test(arguments: binaries)
    func applyBothWaysSwitchAndDiff(binary: String) async throws {
        try await withCluster { cluster in
            func apply(_ manifest: String, _ extra: String...) async throws -> CommandResult {
                try await cluster.kubectl(["apply", "-f", "-"] + extra, binary: binary, input: manifest)
            }
            func diff(_ manifest: String, _ extra: String...) async throws -> CommandResult {
                try await cluster.kubectl(["diff", "-f", "-"] + extra, binary: binary, input: manifest)
            }
            // A diff taken while the controller still writes the object shows its writes, as on a
            // real cluster: each diff waits for the rollout first.
            func settled() async throws {
                #expect(try await cluster.kubectl(["rollout", "status", "deployment/app", "--timeout=60s"], binary: binary).status == 0)
            }
            let first = TestManifests.deployment("app", replicas: 1)
            let second = TestManifests.deployment("app", image: "nginx:1.27", replicas: 1)
            #expect(try await apply(first).stdout == "deployment.apps/app created\n")
            #expect(try await apply(first).stdout == "deployment.apps/app unchanged\n")
            try await settled()
            #expect(try await diff(first).status == 0)
            let changed = try await diff(second)
            #expect(changed.status == 1)
            let lines = changed.stdout.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("-") && $0.hasSuffix("image: nginx:1.25") })
            #expect(lines.contains { $0.hasPrefix("+") && $0.hasSuffix("image: nginx:1.27") })
            #expect(try await apply(second).stdout == "deployment.apps/app configured\n")
            // Client-side to server-side with a change: kubectl takes over the fields it applied.
            let switched = try await apply(first, "--server-side")
            #expect(switched.stdout == "deployment.apps/app serverside-applied\n", "\(switched.stderr)")
            try await settled()
            #expect(try await diff(first, "--server-side").status == 0)
            #expect(try await diff(second, "--server-side").status == 1)
            // And back: the last-applied annotation the server-side apply kept up to date drives it.
            #expect(try await apply(second).stdout == "deployment.apps/app configured\n")
            #expect(try await cluster.kubectl(["get", "deploy", "app", "-o", "jsonpath={.spec.template.spec.containers[0].image}"],
                                              binary: binary).stdout == "nginx:1.27")
            #expect(try await apply(second, "--server-side").stdout == "deployment.apps/app serverside-applied\n")
            try await settled()
            #expect(try await diff(second, "--server-side").status == 0)
            #expect(try await diff(second).status == 0)
        }
    }

    /// `edit`, `patch`, `replace`, `scale`, `label`, `annotate`, `set image` with their kubectl messages.
    @Test(arguments: binaries)
    func editPatchReplaceScale(binary: String) async throws {
        try await withCluster { cluster in
            func run(_ arguments: [String], editor: String? = nil) async throws -> CommandResult {
                guard let editor else { return try await cluster.kubectl(arguments, binary: binary) }
                return try await Command.run(binary, arguments + ["--cache-dir", cluster.cacheDirectory],
                                             environment: ["KUBECONFIG": cluster.server.kubeconfigPath, "KUBE_EDITOR": editor], input: nil)
            }
            try await cluster.apply(TestManifests.deployment("web", replicas: 1))
            let edited = try await run(["edit", "deployment/web"], editor: "sed -i s/nginx:1.25/nginx:1.26/")
            #expect(edited.stdout == "deployment.apps/web edited\n", "\(edited.stderr)")
            let unchanged = try await run(["edit", "deployment/web"], editor: "true")
            #expect((unchanged.stdout + unchanged.stderr).contains("Edit cancelled, no changes made."))
            #expect(try await run(["patch", "deployment", "web", "-p", #"{"spec":{"replicas":2}}"#]).stdout == "deployment.apps/web patched\n")
            // kubectl says "no change" when the PATCH answer equals the object it read just before
            // (pkg/cmd/patch: `didPatch := !reflect.DeepEqual(info.Object, patchedObj)`), so a
            // controller's status write in between makes it "patched" on a real cluster too: the
            // rollout of the first patch is waited for.
            #expect(try await run(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
            #expect(try await run(["patch", "deployment", "web", "-p", #"{"spec":{"replicas":2}}"#]).stdout == "deployment.apps/web patched (no change)\n")
            #expect(try await run(["scale", "deployment/web", "--replicas=3"]).stdout == "deployment.apps/web scaled\n")
            let stale = try await run(["scale", "deployment/web", "--replicas=1", "--current-replicas=2"])
            #expect(stale.status != 0 && stale.stderr.contains("Expected replicas to be 2, was 3"), "\(stale.stderr)")
            // The controllers must be done writing, or the read version is already stale (as on a real cluster).
            #expect(try await run(["rollout", "status", "deployment/web", "--timeout=60s"]).status == 0)
            let yaml = try await run(["get", "deployment", "web", "-o", "yaml"]).stdout
            let replaced = try await cluster.kubectl(["replace", "-f", "-"], binary: binary, input: yaml.replacingOccurrences(of: "replicas: 3", with: "replicas: 1"))
            #expect(replaced.stdout == "deployment.apps/web replaced\n", "\(replaced.stderr)")
            let conflicting = try await cluster.kubectl(["replace", "-f", "-"], binary: binary, input: yaml)
            #expect(conflicting.status != 0 && conflicting.stderr.contains("the object has been modified"), "\(conflicting.stderr)")
            #expect(try await run(["label", "deployment", "web", "tier=front"]).stdout == "deployment.apps/web labeled\n")
            #expect(try await run(["annotate", "deployment", "web", "note=x"]).stdout == "deployment.apps/web annotated\n")
            #expect(try await run(["set", "image", "deployment/web", "main=nginx:1.27"]).stdout == "deployment.apps/web image updated\n")
        }
    }

    /// `rollout status|history|undo|restart|pause|resume` and `wait`, with the texts of
    /// kubectl's DeploymentStatusViewer and rollback/restart/pause commands.
    @Test(arguments: binaries)
    func rolloutsAndWaits(binary: String) async throws {
        try await withCluster { cluster in
            func run(_ arguments: String...) async throws -> CommandResult { try await cluster.kubectl(arguments, binary: binary) }
            try await cluster.apply(TestManifests.deployment("web", replicas: 2))
            #expect(try await run("rollout", "status", "deployment/web", "--timeout=60s").stdout
                        .hasSuffix("deployment \"web\" successfully rolled out\n"))
            #expect(try await run("wait", "--for=condition=Available", "deployment/web", "--timeout=60s").stdout
                        == "deployment.apps/web condition met\n")
            #expect(try await run("rollout", "restart", "deployment/web").stdout == "deployment.apps/web restarted\n")
            #expect(try await run("rollout", "status", "deployment/web", "--timeout=60s").status == 0)
            let history = try await run("rollout", "history", "deployment/web")
            #expect(history.stdout == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n", "\(history.stdout)")
            #expect(try await run("rollout", "undo", "deployment/web").stdout == "deployment.apps/web rolled back\n")
            #expect(try await run("rollout", "pause", "deployment/web").stdout == "deployment.apps/web paused\n")
            let again = try await run("rollout", "pause", "deployment/web")
            #expect(again.stderr.contains("deployments.apps \"web\" is already paused"), "\(again.stderr)")
            #expect(try await run("rollout", "resume", "deployment/web").stdout == "deployment.apps/web resumed\n")
            #expect(try await run("rollout", "status", "deployment/web", "--timeout=60s").status == 0)
            #expect(try await run("rollout", "history", "deployment/web", "--revision=3").stdout.contains("Pod Template:"))
            let missing = try await run("wait", "--for=condition=Ready", "pod/absent", "--timeout=1s")
            #expect(missing.status == 1 && missing.stderr.contains(#"pods "absent" not found"#))
            let deleted = try await run("wait", "--for=delete", "pod/absent", "--timeout=1s")
            #expect(deleted.status == 0)
        }
    }

    /// `delete` with each propagation policy: background and foreground take the dependents,
    /// orphan leaves them without their owner.
    @Test(arguments: binaries)
    func deleteWithEachPropagation(binary: String) async throws {
        try await withCluster { cluster in
            func run(_ arguments: String...) async throws -> CommandResult { try await cluster.kubectl(arguments, binary: binary) }
            for policy in ["background", "foreground", "orphan"] {
                try await cluster.apply(TestManifests.deployment(policy, replicas: 1))
                #expect(try await run("rollout", "status", "deployment/\(policy)", "--timeout=60s").status == 0)
                let deleted = try await run("delete", "deployment", policy, "--cascade=\(policy)", "--timeout=60s")
                #expect(deleted.stdout == "deployment.apps \"\(policy)\" deleted\n", "\(deleted.stderr)")
                let left = try await eventually(timeout: 60) {
                    let sets = try await run("get", "rs", "-l", "app=\(policy)", "-o", "name").stdout
                    return policy == "orphan" ? !sets.isEmpty : sets.isEmpty
                }
                #expect(left, "\(policy)")
            }
            #expect(try await run("get", "rs", "-l", "app=orphan", "-o", "jsonpath={.items[0].metadata.ownerReferences}").stdout.isEmpty)
            let missing = try await run("delete", "configmap", "absent")
            #expect(missing.status == 1 && missing.stderr == "Error from server (NotFound): configmaps \"absent\" not found\n")
        }
    }

    /// `auth can-i`, `auth whoami`, `get nodes`, `api-resources`, `api-versions`, `explain`, `version`.
    @Test(arguments: binaries)
    func clusterLevelCommands(binary: String) async throws {
        try await withCluster { cluster in
            func run(_ arguments: String...) async throws -> CommandResult { try await cluster.kubectl(arguments, binary: binary) }
            #expect(try await run("auth", "can-i", "create", "deployments").stdout == "yes\n")
            #expect(try await run("auth", "can-i", "get", "pods", "--as=system:serviceaccount:default:default").stdout == "no\n")
            #expect(try await run("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").stdout == "mooring-local")
            #expect(try await run("get", "nodes", "-o", "name").stdout == "node/local-node\n")
            let resources = try await run("api-resources")
            #expect(resources.stdout.hasPrefix("NAME"))
            #expect(resources.stdout.contains("SHORTNAMES") && resources.stdout.contains("APIVERSION") && resources.stdout.contains("NAMESPACED"))
            #expect(resources.stdout.split(separator: "\n").count == 59)
            #expect(try await run("api-versions").stdout == APIGroupsTests.groupVersions)
            let explained = try await run("explain", "deployment.spec.strategy")
            #expect(explained.stdout.contains("KIND:") && explained.stdout.contains("Deployment"), "\(explained.stderr)")
            #expect(try await run("explain", "validatingwebhookconfiguration.webhooks.sideEffects").status == 0)
            #expect(try await run("version").stdout.contains("Server Version: v1.32.0"))
        }
    }
}
