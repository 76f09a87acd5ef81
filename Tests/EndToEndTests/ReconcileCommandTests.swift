import Foundation
import TestSupport
import Testing

/// The `mooring` binary's reconciling commands, their output and exit codes, against a config
/// repository served by `git daemon` and the embedded cluster the binary starts itself
/// (`cluster: local`, persisted in `.mooring/cluster` between runs).
@Suite struct ReconcileCommandTests {
    struct Workspace {
        let repository: ConfigRepository
        let folder: String
        var config: String { folder + "/mooring.yaml" }

        func mooring(_ arguments: String...) async throws -> CommandResult {
            try await mooring(arguments)
        }

        func mooring(_ arguments: [String]) async throws -> CommandResult {
            try await MooringBinary.run(arguments + ["--config", config], environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
        }
    }

    func withWorkspace(_ body: (Workspace) async throws -> Void) async throws {
        let repository = try await SampleRepository.create(serve: true).repository
        defer { repository.stop() }
        let folder = TemporaryFolder.make("cli")
        try """
            repository:
              url: \(repository.url)
              interval: 1m
            environments:
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
                rollbackOnFailure: true
            """.write(toFile: folder + "/mooring.yaml", atomically: true, encoding: .utf8)
        try await body(Workspace(repository: repository, folder: folder))
    }

    @Test func runStatusDiffSyncHistoryAndRollback() async throws {
        try await withWorkspace { workspace in
            let first = try await workspace.mooring("run", "--once")
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("develop @ ") && first.stdout.contains("master @ "))
            #expect(first.stdout.contains("Created Deployment.apps django-develop/django-admin"))

            let status = try await workspace.mooring("status")
            #expect(status.status == 0, "\(status.stderr)")
            let rows = status.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.first == ["ENVIRONMENT", "REVISION", "SYNC", "HEALTH", "LAST", "OPERATION", "WHEN"])
            #expect(rows.dropFirst().map { Array($0.prefix(1) + $0.dropFirst(2).prefix(2)) } == [["develop", "Synced", "Healthy"], ["master", "Synced", "Healthy"]])

            let settings = try workspace.repository.read("environments/develop/configmap.yaml")
            try await workspace.repository.commit("Debug off", files: [
                "environments/develop/configmap.yaml": settings.replacingOccurrences(of: "DEBUG: \"True\"", with: "DEBUG: \"False\""),
            ])
            let diff = try await workspace.mooring("diff", "--env", "develop")
            #expect(diff.status == 1, "\(diff.stdout)\(diff.stderr)")
            #expect(diff.stdout.contains("Configure ConfigMap django-develop/django-settings"))
            #expect(diff.stdout.contains("- data.DEBUG: \"True\"\n    + data.DEBUG: \"False\""))

            let dryRun = try await workspace.mooring("sync", "--env", "develop", "--dry-run")
            #expect(dryRun.status == 0)
            #expect(dryRun.stdout.contains("(sync, dry run)"))
            #expect(try await workspace.mooring("diff", "--env", "develop").status == 1, "a dry run changes nothing")

            let sync = try await workspace.mooring("sync", "--env", "develop")
            #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
            #expect(sync.stdout.contains("Configured ConfigMap django-develop/django-settings"))
            #expect(try await workspace.mooring("diff", "--env", "develop").status == 0)

            let rollback = try await workspace.mooring("rollback", "--env", "develop", "--push")
            #expect(rollback.status == 0, "\(rollback.stderr)")
            #expect(rollback.stdout.contains("created revert commit"))
            let afterRollback = try await workspace.mooring("run", "--once")
            #expect(afterRollback.status == 0, "\(afterRollback.stdout)\(afterRollback.stderr)")
            #expect(afterRollback.stdout.contains("context  rolled back from"))

            let history = try await workspace.mooring("history", "--env", "develop")
            #expect(history.status == 0)
            let operations = history.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
            #expect(operations == ["rollback", "sync", "sync"], "\(history.stdout)")
        }
    }

    @Test func badInputExitsTwoWithOneLineNamingFileAndLine() async throws {
        try await withWorkspace { workspace in
            #expect(try await workspace.mooring("run", "--once").status == 0)
            try await workspace.repository.commit("Break develop", files: [
                "environments/develop/extra.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: \"unterminated\n",
            ])
            let broken = try await workspace.mooring("run", "--once")
            #expect(broken.status == 2)
            let lines = broken.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(broken.stderr)")
            #expect(lines.first?.hasPrefix("develop: error: environments/develop/extra.yaml:") == true, "\(broken.stderr)")
            #expect(broken.stdout.contains("master @ "), "the other environment is still reconciled")

            let unknown = try await workspace.mooring("diff", "--env", "staging")
            #expect(unknown.status == 2)
        }
    }

    /// A `cluster.context` its kubeconfig does not define is a configuration error at start,
    /// with its line, before git or any cluster is touched; commands that only read git (render)
    /// do not need the kubeconfig.
    @Test func unknownKubeconfigContextFailsAtStartWithItsLine() async throws {
        try await withWorkspace { workspace in
            let kubeconfig = workspace.folder + "/kubeconfig"
            try """
                apiVersion: v1
                kind: Config
                clusters: [{name: staging, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: staging, user: {token: t}}]
                contexts: [{name: staging, context: {cluster: staging, user: staging}}]
                current-context: staging
                """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            try """
                repository:
                  url: \(workspace.repository.url)
                environments:
                  develop:
                    ref: main
                    cluster:
                      kubeconfig: \(kubeconfig)
                      context: prod
                """.write(toFile: workspace.config, atomically: true, encoding: .utf8)
            for command in [["status"], ["run", "--once"], ["sync", "--env", "develop"]] {
                let result = try await workspace.mooring(command)
                #expect(result.status == 2, "\(command): \(result.stdout)\(result.stderr)")
                #expect(result.stderr == "error: \(workspace.config):8: unknown context \"prod\" in kubeconfig \(kubeconfig) of environment \"develop\": it has \"staging\"\n",
                        "\(command): \(result.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/.mooring/cache"), "git was not touched")
            let render = try await workspace.mooring(["render", "--env", "develop", "--summary"])
            #expect(render.status == 0, "\(render.stderr)")
        }
    }

    @Test func runStopsCleanlyOnSIGTERMAfterThePass() async throws {
        try await withWorkspace { workspace in
            // Each pass's report replaces the file: the first one shows the pass happened.
            let output = workspace.folder + "/run.out"
            let run = try await Command.start(MooringBinary.path, ["run", "--config", workspace.config, "--output", output],
                                              environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            defer { run.kill() }
            let reported = try await eventually(timeout: .seconds(60)) {
                // Each environment runs on its own schedule: either may be reported first.
                let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                return text.contains("master @") && text.contains("develop @")
            }
            #expect(reported, "a pass of each environment was reported")
            run.send(SIGTERM)
            let ended = try await run.wait(timeout: .seconds(20))
            #expect(ended?.status == 0, "mooring run exits 0 after SIGTERM: \(String(describing: ended))")
        }
    }
}
