import Foundation
import Manifests
import TestSupport
import Testing

/// A reconciler killed (SIGKILL) while a PostSync hook runs: the next one takes the Lease over,
/// finds the hook its predecessor created for the same operation (same history id and revision),
/// waits for it instead of starting it again, and records the operation once.
@Suite struct HookRestartTests {
    static let settings = "  develop:\n    ref: main\n    cluster: local\n    prune: true\n    healthTimeout: 90s\n"

    @Test func restartedReconcilerFinishesTheOperation() async throws {
        // 30 s of cluster time at time scale 100 would be too short: the smoke test sleeps 3000 s
        // (30 s real), long enough for the kill, the Lease takeover (15 s) and the wait.
        let files = [
            "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["FROM": "git"]),
            "develop/smoke.yaml": HookEndToEndTests.job("smoke-test", phase: "PostSync", command: "sleep 3000", namespace: "default"),
        ]
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(files), settings: Self.settings, timeScale: 100) { workspace in
            let first = try await Command.start(MooringBinary.path, ["sync", "--env", "develop", "--config", workspace.config],
                                                environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            defer { first.kill() }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            var uid = ""
            while uid.isEmpty, clock.now < deadline {
                uid = try await workspace.kubectl("get", "job", "smoke-test", "-n", "default", "-o", "jsonpath={.metadata.uid}").stdout
                if uid.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(!uid.isEmpty, "the PostSync hook was created")
            first.kill()
            _ = try? await first.wait(timeout: .seconds(10))
            // The killed reconciler left its operation Running (issue 11); the next one takes its place.
            let running = try await workspace.kubectl("get", "configmap", "mooring-history-develop", "-n", "mooring-system", "-o", "json")
            #expect(running.stdout.contains(#"\"result\":\"Running\""#), "the killed reconciler's operation is Running: \(running.stdout)")

            let second = try await workspace.mooring(["sync", "--env", "develop"], timeout: .seconds(150))
            #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
            #expect(second.stdout.contains("PostSync  Job.batch default/smoke-test  Succeeded"), "the report's hooks: \(second.stdout)")
            let after = try await workspace.kubectl("get", "job", "smoke-test", "-n", "default", "-o", "jsonpath={.metadata.uid}").stdout
            #expect(after == uid, "the hook was waited for, not started again")

            let history = try await workspace.kubectl("get", "configmap", "mooring-history-develop", "-n", "mooring-system", "-o", "json")
            let data = try #require(try JSON(parsing: Array(history.stdout.utf8))["data"]?.objectValue)
            #expect(data.count == 1, "one operation, recorded once: \(data.count)")
            let record = try JSON(parsing: Array((data["record-0000000001"]?.stringValue ?? "").utf8))
            #expect(record["result"] == "Succeeded" && record["health"] == "Healthy", "\(record.serialized())")
            #expect(record["hooks"]?.arrayValue?.first?["result"] == "Succeeded", "\(record.serialized())")
            #expect(record["hooks"]?.arrayValue?.first?["object"] == "Job.batch default/smoke-test")
        }
    }
}
