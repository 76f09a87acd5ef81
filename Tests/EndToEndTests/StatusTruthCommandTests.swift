import Foundation
import Manifests
import TestSupport
import Testing

/// Exit codes and status tell the truth (issue 11): a pass whose LISTs all fail is not a
/// success; `status` shows the newest revision's failure next to the last good one; `diff` of an
/// emptied environment shows its prunes as blocked, not as "to prune".
@Suite struct StatusTruthCommandTests {
    static let files = [
        "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "one"]),
        "develop/extra.yaml": SafetyFixture.configMap("extra", namespace: "default", data: ["KEEP": "yes"]),
    ]
    static let settings = "  develop:\n    ref: main\n    cluster: local\n    prune: true\n    healthTimeout: 30s\n"

    func faults(_ workspace: CommandWorkspace, _ rules: String) async throws {
        try await Command.check("curl", ["-s", "-f", "-X", "PUT", "-H", "Authorization: Bearer \(workspace.cluster.token)",
                                         "--data-binary", rules, workspace.cluster.url + "/mooring-admin/faults"])
    }

    @Test func everyListFailingExitsOneAndTheHistorySaysFailed() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            try await workspace.repository.commit("stage two", files: [
                "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "two"]),
            ])
            try await faults(workspace, #"{"rules": [{"verbs": ["list"], "status": 503}]}"#)
            let run = try await workspace.mooring(["run", "--once"])
            try await faults(workspace, #"{"rules": []}"#)
            #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
            let history = try await workspace.mooring(["history", "--env", "develop"])
            #expect(history.stdout.contains("Failed"), "\(history.stdout)")
        }
    }

    @Test func droppedConnectionsAreRetriedAndEveryListDroppedIsAFailureInBoundedTime() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings) { workspace in
            // A few answers cut mid-way: idempotent requests are sent again and the pass succeeds.
            try await faults(workspace, #"{"rules": [{"verbs": ["list"], "dropConnection": true, "count": 4}]}"#)
            let first = try await workspace.mooring(["run", "--once"])
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(try await workspace.kubectl("get", "configmap", "settings", "-n", "default").status == 0)

            // Every LIST cut: not a success, and the retries end within their time budget.
            try await workspace.repository.commit("stage two", files: [
                "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "two"]),
            ])
            try await faults(workspace, #"{"rules": [{"verbs": ["list"], "dropConnection": true}]}"#)
            let clock = ContinuousClock()
            let started = clock.now
            let run = try await workspace.mooring(["run", "--once"], timeout: .seconds(180))
            let took = clock.now - started
            try await faults(workspace, #"{"rules": []}"#)
            #expect(run.status != 0, "\(run.stdout)\(run.stderr)")
            #expect(took < .seconds(120), "took \(took)")
        }
    }

    @Test func statusShowsTheNewestRevisionsFailureNextToTheLastGoodOne() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            let good = try await workspace.repository.git(["rev-parse", "HEAD"])
            let bad = try await workspace.repository.commit("a typo", files: [
                "environments/develop/settings.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata: [\n",
            ])
            #expect(try await workspace.mooring(["run", "--once"]).status == 2)
            let status = try await workspace.mooring(["status"])
            let row = status.stdout.split(separator: "\n").first { $0.hasPrefix("develop ") }
            #expect(row?.contains("OutOfSync") == true, "\(status.stdout)")
            let note = status.stdout.split(separator: "\n").first { $0.hasPrefix("develop: ") }
            #expect(note?.hasPrefix("develop: \(bad.prefix(7)) Failed: environments/develop/settings.yaml:") == true, "\(status.stdout)")
            #expect(note?.hasSuffix("(running \(good.prefix(7)), the last good revision)") == true, "\(status.stdout)")
        }
    }

    /// `status` exits like `run --once`: 0 Synced and Healthy, 1 when the newest revision could
    /// not be applied (it used to exit 0 then), 2 when the repository cannot be fetched — in text
    /// and in JSON alike.
    @Test func statusExitCodesSayWhetherEveryEnvironmentIsSyncedAndHealthy() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings) { workspace in
            #expect(try await workspace.mooring(["status"]).status == 1, "nothing applied yet")
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            for format in ["text", "json"] {
                let status = try await workspace.mooring(["status", "--format", format])
                #expect(status.status == 0, "\(format): \(status.stdout)\(status.stderr)")
            }

            let bad = try await workspace.repository.commit("a typo", files: [
                "environments/develop/settings.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: [\n",
            ])
            #expect(try await workspace.mooring(["run", "--once"]).status == 2)
            let text = try await workspace.mooring(["status"])
            #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
            #expect(text.stdout.contains("develop: \(bad.prefix(7)) Failed: environments/develop/settings.yaml:"), "\(text.stdout)")
            let json = try await workspace.mooring(["status", "--format", "json"])
            #expect(json.status == 1, "\(json.stdout)\(json.stderr)")
            let document = try JSON(parsing: json.stdout)
            let develop = document["environments"]?.arrayValue?.first
            #expect(develop?["sync"]?.stringValue == "OutOfSync", "\(json.stdout)")
            #expect(develop?["targetRevision"]?.stringValue == bad, "\(json.stdout)")
            #expect(develop?["targetFailure"]?.stringValue?.hasPrefix("environments/develop/settings.yaml:") == true, "\(json.stdout)")

            // The repository unreachable: an error, not a verdict on stale data.
            let unreachable = workspace.folder + "/unreachable.yaml"
            try workspace.writeConfig(url: "git://127.0.0.1:\(try LoopbackPort.free())/config.git", settings: Self.settings, file: unreachable)
            for format in ["text", "json"] {
                let status = try await workspace.mooring(["status", "--format", format], config: unreachable)
                #expect(status.status == 2, "\(format): \(status.stdout)\(status.stderr)")
                #expect(status.stderr.contains("config repository"), "\(status.stderr)")
            }
        }
    }

    @Test func diffOfAnEmptiedEnvironmentShowsItsPrunesBlocked() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            try await workspace.repository.commit("empty develop", files: [
                "environments/develop/settings.yaml": nil, "environments/develop/extra.yaml": nil,
                "environments/develop/README.md": "nothing here for now\n",
            ])
            let diff = try await workspace.mooring(["diff", "--env", "develop"])
            #expect(!diff.stdout.contains("2 to prune"), "\(diff.stdout)")
            #expect(diff.stdout.contains("summary  2 kept"), "\(diff.stdout)")
            #expect(diff.stdout.contains("prune blocked: the revision has no objects; set allowEmpty: true to prune everything"), "\(diff.stdout)")
        }
    }
}
