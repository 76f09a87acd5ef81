import Foundation
import Manifests
import TestSupport
import Testing

/// `mooring health FILE...`, run as the built binary on files written here: text and JSON output,
/// Lua checks from `--script` and from `mooring.yaml`, exit codes, and bad input.
@Suite struct HealthCommandTests {
    /// A folder holding `files`; removed after `body`.
    func withFolder(_ files: [String: String], _ body: (String) async throws -> Void) async throws {
        let folder = TemporaryFolder.make("health")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try await body(folder)
    }

    /// The binary run in `folder` (relative paths and `./mooring.yaml` are the folder's).
    func health(in folder: String, _ arguments: [String], input: String? = nil) async throws -> CommandResult {
        try await Command.run(MooringBinary.path, ["health"] + arguments, directory: folder, input: input, timeout: .seconds(60))
    }

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: django-admin, namespace: django-master, generation: 2}
        spec: {replicas: 2}
        status:
          observedGeneration: 2
          replicas: 2
          updatedReplicas: 2
          readyReplicas: 2
          availableReplicas: 2
          conditions:
          - {type: Available, status: "True", reason: MinimumReplicasAvailable}
          - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: django-settings, namespace: django-master}
        data: {DEBUG: "False"}
        """

    static let autoscaler = """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: django-admin, namespace: django-master, generation: 1}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: django-admn}
          maxReplicas: 4
        status:
          observedGeneration: 1
          currentReplicas: 0
          desiredReplicas: 0
          conditions:
          - type: AbleToScale
            status: "False"
            reason: FailedGetScale
            message: 'the HPA controller was unable to get the target''s current scale: deployments/scale.apps "django-admn" not found'
        """

    static let certificate = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: django-tls, namespace: django-master, generation: 1}
        spec: {secretName: django-tls, issuerRef: {name: letsencrypt, kind: ClusterIssuer}}
        status:
          conditions:
          - {type: Ready, status: "False", observedGeneration: 1, reason: DoesNotExist, message: Issuing certificate as Secret does not exist}
        """

    static let certificateScript = """
        hs = { status = "Progressing", message = "Waiting for certificate" }
        if obj.status ~= nil and obj.status.conditions ~= nil then
          for i, condition in ipairs(obj.status.conditions) do
            if condition.type == "Ready" and condition.status == "True" then
              hs.status = "Healthy"
              hs.message = condition.message
            elseif condition.type == "Ready" and condition.reason == "DoesNotExist" then
              hs.status = "Suspended"
              hs.message = "parked: " .. condition.message
            end
          end
        end
        return hs
        """

    @Test func healthyObjectsPrintATableAndExitZero() async throws {
        try await withFolder(["app.yaml": Self.deployment]) { folder in
            let run = try await health(in: folder, ["app.yaml"])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.count == 3)
            #expect(rows[0] == ["KIND", "NAMESPACE", "NAME", "STATUS", "MESSAGE"])
            #expect(rows[1].prefix(4) == ["Deployment.apps", "django-master", "django-admin", "Healthy"])
            #expect(run.stdout.contains("Deployment is available (2/2 replicas)"))
            #expect(rows[2] == ["ConfigMap", "django-master", "django-settings", "Healthy"])
        }
    }

    @Test func aDegradedObjectExitsOneAndJSONListsEveryObject() async throws {
        try await withFolder(["app.yaml": Self.deployment, "hpa.yaml": Self.autoscaler]) { folder in
            let run = try await health(in: folder, ["--format", "json", "app.yaml", "hpa.yaml"])
            #expect(run.status == 1, "\(run.stderr)")
            let list = try #require(try JSON(parsing: run.stdout).arrayValue)
            #expect(list.count == 3)
            let hpa = try #require(list.last)
            #expect(hpa["kind"] == "HorizontalPodAutoscaler")
            #expect(hpa["apiVersion"] == "autoscaling/v2")
            #expect(hpa["namespace"] == "django-master")
            #expect(hpa["name"] == "django-admin")
            #expect(hpa["status"] == "Degraded")
            #expect(hpa["message"]?.stringValue?.hasPrefix("FailedGetScale: the HPA controller was unable to get the target's current scale") == true)
            #expect(hpa["check"] == "built-in")
            #expect(hpa["file"] == "hpa.yaml")
            #expect(hpa["line"] == 1)
            #expect(list[1]["line"] == 15)  // the ConfigMap: its first line, in the second document of app.yaml
        }
    }

    @Test func aScriptFromTheCommandLineReplacesTheBuiltInRule() async throws {
        try await withFolder(["cert.yaml": Self.certificate, "checks/certificate.lua": Self.certificateScript]) { folder in
            let builtIn = try await health(in: folder, ["cert.yaml"])
            #expect(builtIn.status == 1)
            #expect(builtIn.stdout.contains("Progressing"))

            let run = try await health(in: folder, ["--script", "cert-manager.io/Certificate=checks/certificate.lua", "--format", "json", "cert.yaml"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let result = try #require(try JSON(parsing: run.stdout)[0])
            #expect(result["status"] == "Suspended")
            #expect(result["message"] == "parked: Issuing certificate as Secret does not exist")
            #expect(result["check"] == "checks/certificate.lua")
        }
    }

    @Test func theConfigurationsScriptsApplyAndTheCommandLineWins() async throws {
        let configuration = """
            repository: {url: .}
            environments: {develop: {}}
            health:
              scripts:
                cert-manager.io/*:
                  lua: return { status = "Degraded", message = "from mooring.yaml" }
            """
        try await withFolder(["mooring.yaml": configuration, "cert.yaml": Self.certificate, "ok.lua": Self.certificateScript]) { folder in
            let implicit = try await health(in: folder, ["cert.yaml"])  // ./mooring.yaml
            #expect(implicit.status == 1)
            #expect(implicit.stdout.contains("Degraded   from mooring.yaml"))
            let explicit = try await health(in: "/", ["--config", folder + "/mooring.yaml", folder + "/cert.yaml"])
            #expect(explicit.stdout.contains("from mooring.yaml"))
            let overridden = try await health(in: folder, ["--script", "cert-manager.io/*=ok.lua", "cert.yaml"])
            #expect(overridden.status == 0, "\(overridden.stdout)")
        }
    }

    @Test func readsAKubectlListFromStandardInput() async throws {
        let list = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "migrate", "namespace": "web"},
               "spec": {"restartPolicy": "Never", "containers": [{"name": "migrate", "image": "registry.local/app:nope"}]},
               "status": {"phase": "Pending", "containerStatuses": [{"name": "migrate", "ready": false, "restartCount": 0,
                 "state": {"waiting": {"reason": "ErrImagePull", "message": "manifest unknown"}}}]}},
              {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "web"}, "status": {"phase": "Active"}}
            ]}
            """
        try await withFolder([:]) { folder in
            let run = try await health(in: folder, ["-"], input: list)
            #expect(run.status == 1)
            #expect(run.stdout.contains("container migrate: ErrImagePull: manifest unknown"))
            #expect(run.stdout.contains("Namespace   -           web       Healthy"))
        }
    }

    @Test func aScriptThatFailsMakesItsObjectUnknown() async throws {
        try await withFolder(["cert.yaml": Self.certificate, "loop.lua": "while true do end", "bad.lua": "return obj.spec.missing.field"]) { folder in
            let loop = try await health(in: folder, ["--script", "cert-manager.io/Certificate=loop.lua", "cert.yaml"])
            #expect(loop.status == 1)
            #expect(loop.stdout.contains("Unknown   loop.lua:1: instruction budget exceeded"), "\(loop.stdout)")
            let bad = try await health(in: folder, ["--script", "cert-manager.io/Certificate=bad.lua", "cert.yaml"])
            #expect(bad.stdout.contains("bad.lua:1: attempt to index a nil value (field 'missing')"), "\(bad.stdout)")
        }
    }

    @Test func badInputIsOneErrorAndExitTwo() async throws {
        let files = ["broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n",
                     "nameless.yaml": "apiVersion: v1\nkind: ConfigMap\ndata: {}\n",
                     "syntax.lua": "hs = {}\nhs status = 'Healthy'\nreturn hs\n",
                     "ok.yaml": Self.deployment]
        try await withFolder(files) { folder in
            let cases: [([String], String)] = [
                (["missing.yaml"], "error: missing.yaml: cannot read: no such file"),
                (["ok.yaml", "broken.yaml"], "error: broken.yaml:5:"),
                (["nameless.yaml"], "error: nameless.yaml:1: not a Kubernetes object: it needs apiVersion, kind and metadata.name"),
                (["--script", "Pod=syntax.lua", "ok.yaml"], "error: syntax.lua:2: syntax error near 'status'"),
                (["--script", "Pod", "ok.yaml"], "error: --script Pod: expected group/Kind=FILE"),
                (["--script", "Pod=absent.lua", "ok.yaml"], "error: absent.lua: cannot read the health script"),
                (["--config", "nope.yaml", "ok.yaml"], "error: nope.yaml: cannot read the file"),
            ]
            for (arguments, message) in cases {
                let run = try await health(in: folder, arguments)
                #expect(run.status == 2, "\(arguments): \(run.stdout)\(run.stderr)")
                #expect(run.stdout.isEmpty, "\(arguments)")
                #expect(run.stderr.hasPrefix(message), "\(arguments): \(run.stderr)")
                #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
            }
        }
    }

    /// The configuration's scripts reach a real sync: the reconciler waits on the check's verdict.
    @Test func aConfiguredCheckDecidesTheHealthOfASync() async throws {
        let repository = try await SampleRepository.create(serve: true).repository
        defer { repository.stop() }
        let script = """
            if obj.data ~= nil and obj.data.DEBUG == "True" then
              return { status = "Degraded", message = "DEBUG is on in " .. obj.metadata.namespace }
            end
            return { status = "Healthy", message = "" }
            """
        let configuration = """
            repository: {url: \(repository.url)}
            environments:
              develop: {ref: main, cluster: local, prune: true, healthTimeout: 60s}
            health:
              scripts:
                ConfigMap: checks/configmap.lua
            """
        try await withFolder(["mooring.yaml": configuration, "checks/configmap.lua": script]) { folder in
            func mooring(_ arguments: String...) async throws -> CommandResult {
                try await MooringBinary.run(arguments + ["--config", folder + "/mooring.yaml"],
                                            environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            }
            let sync = try await mooring("sync", "--env", "develop")
            #expect(sync.status == 1, "\(sync.stdout)\(sync.stderr)")
            #expect((sync.stdout + sync.stderr).contains("DEBUG is on in django-develop"), "\(sync.stdout)\(sync.stderr)")
            let status = try await mooring("status")
            #expect(status.stdout.contains("Degraded"), "\(status.stdout)\(status.stderr)")
        }
    }
}
