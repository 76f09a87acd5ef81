import Foundation
import Manifests
import TestSupport
import Testing

/// The safety rules as users meet them through the `mooring` binary: exit codes, the one-line
/// errors, the report's words.
@Suite struct SafetyCommandTests {
    static let settings = """
          develop:
            ref: main
            cluster: local
            prune: true
            healthTimeout: 30s
          master:
            ref: main
            cluster: local
            prune: true
            healthTimeout: 30s

        """

    static let secret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db-credentials
          namespace: django-develop
        stringData:
          password: Hunter2-develop-only

        """

    @Test func aTypoExitsTwoNamingFileLineAndFieldAndAppliesNothing() async throws {
        try await CommandWorkspace.with(settings: Self.settings) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            let deployment = try workspace.repository.read("environments/develop/deployment.yaml")
            try await workspace.repository.commit("Two replicas", files: [
                "environments/develop/deployment.yaml": deployment.replacingOccurrences(of: "  replicas: 1", with: "  replica: 2"),
            ])
            for command in [["sync", "--env", "develop"], ["diff", "--env", "develop"]] {
                let result = try await workspace.mooring(command)
                #expect(result.status == 2, "\(command): \(result.stdout)\(result.stderr)")
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count == 1)
                #expect(result.stderr.hasPrefix(#"error: environments/develop/deployment.yaml:9: Deployment.apps django-develop/django-admin: unknown field "spec.replica""#), "\(result.stderr)")
            }
            let replicas = try await workspace.kubectl("get", "deployment", "-n", "django-develop", "django-admin", "-o", "jsonpath={.spec.replicas}")
            #expect(replicas.stdout == "1", "the cluster is unchanged")
        }
    }

    @Test func aHandMadeObjectIsAConflictInEveryFormatAndExitsOne() async throws {
        try await CommandWorkspace.with(settings: Self.settings) { workspace in
            #expect(try await workspace.kubectl("create", "namespace", "django-develop").status == 0)
            #expect(try await workspace.kubectl("create", "configmap", "django-settings", "-n", "django-develop", "--from-literal=DEBUG=yes").status == 0)
            let run = try await workspace.mooring(["run", "--once"])
            #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("Conflict ConfigMap django-develop/django-settings"), "\(run.stdout)")
            #expect(run.stdout.contains("exists and is not managed by mooring (field managers: kubectl-create); set adopt: true for environment develop"))
            #expect(run.stdout.contains("Conflict Namespace django-develop"))
            let json = try await workspace.mooring(["diff", "--env", "develop", "--format", "json"])
            #expect(json.status == 1)
            let report = try JSON(parsing: Array(json.stdout.utf8))
            let objects = report["environments"]?[0]?["objects"]?.arrayValue ?? []
            #expect(objects.contains { $0["action"] == "conflict" && $0["id"] == "ConfigMap django-develop/django-settings" }, "\(json.stdout)")
            let data = try await workspace.kubectl("get", "configmap", "-n", "django-develop", "django-settings", "-o", "jsonpath={.data}")
            #expect(data.stdout == #"{"DEBUG":"yes"}"#, "left as it was")

            try workspace.writeConfig(url: workspace.repository.url, settings: Self.settings.replacingOccurrences(of: "    prune: true\n    healthTimeout: 30s\n  master:", with: "    prune: true\n    healthTimeout: 30s\n    adopt: true\n  master:"))
            let adopted = try await workspace.mooring(["sync", "--env", "develop"])
            #expect(adopted.status == 0, "\(adopted.stdout)\(adopted.stderr)")
            #expect(adopted.stdout.contains("Adopted ConfigMap django-develop/django-settings"), "\(adopted.stdout)")
        }
    }

    @Test func renderMasksSecretsAndPromoteLeavesThemOutUnlessNamed() async throws {
        try await CommandWorkspace.with(settings: Self.settings.replacingOccurrences(of: "    ref: main\n    cluster: local\n    prune: true\n    healthTimeout: 30s\n  master:", with: "    ref: main\n    cluster: local\n  master:")) { workspace in
            try await workspace.repository.commit("A database password", files: ["environments/develop/secret.yaml": Self.secret])
            let masked = try await workspace.mooring(["render", "--env", "develop"])
            #expect(masked.status == 0, "\(masked.stderr)")
            #expect(!masked.stdout.contains("Hunter2"), "render masks Secret values")
            #expect(masked.stdout.contains("password: '***'") || masked.stdout.contains("password: \"***\""), "\(masked.stdout)")
            let shown = try await workspace.mooring(["render", "--env", "develop", "--show-secrets"])
            #expect(shown.stdout.contains("password: Hunter2-develop-only"))

            for format in ["text", "json", "markdown", "html"] {
                let preview = try await workspace.mooring(["promote", "--from", "develop", "--to", "master", "--dry-run", "--format", format])
                #expect(preview.status == 0, "\(preview.stderr)")
                #expect(!(preview.stdout + preview.stderr).contains("Hunter2"))
                #expect(!preview.stdout.contains("Secret django-master/db-credentials"), "the Secret is not promoted: \(preview.stdout)")
                #expect((preview.stdout + preview.stderr).contains("left out 1 Secret of develop (Secret/db-credentials): Secrets are promoted only when named, e.g. --only Secret/db-credentials"))
            }
            let named = try await workspace.mooring(["promote", "--from", "develop", "--to", "master", "--only", "Secret/db-credentials"])
            #expect(named.status == 0, "\(named.stderr)")
            #expect(!(named.stdout + named.stderr).contains("Hunter2"), "the report masks it")
            #expect(named.stdout.contains("Secret django-master/db-credentials"), "\(named.stdout)")
        }
    }
}
