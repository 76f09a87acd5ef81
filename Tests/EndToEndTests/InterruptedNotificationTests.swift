import Foundation
import TestSupport
import Testing

/// A `kill -9` in the middle of a sync leaves a `Running` record; the next `run` completes it
/// (issue 11) and tells the notification targets `interrupted` once, through the notifier's
/// memory in the cluster: a later pass tells it no second time.
@Suite struct InterruptedNotificationTests {
    static let files = [
        "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "one"]),
    ]
    /// A webhook target taking every event, its URL from `HOOK_URL`.
    static let settings = """
          develop:
            ref: main
            cluster: local
            prune: true
            healthTimeout: 20s
        notifications:
          - name: hook
            type: webhook
            urlEnv: HOOK_URL
            events: [sync-succeeded, sync-failed, health-degraded, interrupted]

        """

    func events(_ receiver: LoopbackReceiver) -> [String] {
        receiver.requests.compactMap { $0.json?["event"] as? String }
    }

    @Test func aSyncKilledMidWayIsToldInterruptedOnce() async throws {
        let receiver = try await LoopbackReceiver.start()
        do {
            try await killAndRun(receiver)
        } catch {
            await receiver.stop()
            throw error
        }
        await receiver.stop()
    }

    private func killAndRun(_ receiver: LoopbackReceiver) async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings) { workspace in
            let hook = ["HOOK_URL": receiver.url + "/hook"]
            #expect(try await workspace.mooring(["run", "--once"], environment: hook).status == 0)
            #expect(events(receiver) == ["sync-succeeded"])

            let revision = try await workspace.repository.commit("a slow rollout", files: [
                "environments/develop/slow.yaml": InterruptionCommandTests.slowDeployment,
            ])
            let sync = try await Command.start(MooringBinary.path, ["sync", "--env", "develop", "--config", workspace.config],
                                               environment: ["MOORING_LOCAL_TIME_SCALE": "100", "HOOK_URL": receiver.url + "/hook"])
            defer { sync.kill() }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            while !(try await InterruptionCommandTests().historyJSON(workspace)).contains(#"\"result\":\"Running\""#), clock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            sync.kill()
            _ = try await sync.wait(timeout: .seconds(30))

            // The next run completes the record (after the dead process's Lease expires) and tells it.
            let run = try await workspace.mooring(["run", "--once"], environment: hook, timeout: .seconds(150))
            #expect(run.stdout.contains("interrupted: sync of \(revision.prefix(7)) at 20"), "\(run.stdout)\(run.stderr)")
            let interrupted = receiver.requests.filter { $0.json?["event"] as? String == "interrupted" }
            #expect(interrupted.count == 1, "\(events(receiver))")
            let told = try #require(interrupted.first)
            let summary = told.json?["summary"] as? String
            #expect(summary?.hasPrefix("interrupted: sync of \(revision.prefix(7)) at 20") == true, "\(told.text)")

            let again = try await workspace.mooring(["run", "--once"], environment: hook, timeout: .seconds(150))
            #expect(again.status != 2, "\(again.stdout)\(again.stderr)")
            #expect(events(receiver).filter { $0 == "interrupted" }.count == 1, "told once: \(events(receiver))")
        }
    }
}
