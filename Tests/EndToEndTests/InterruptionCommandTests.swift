import Foundation
import TestSupport
import Testing

/// Interrupted work is recorded and the mirror is a cache (issue 11): `kill -9` in the middle of
/// a sync leaves a `Running` record that the next run completes as "interrupted: sync of … at …";
/// a corrupted mirror is rebuilt once, saying so; git lock files a crashed process left in the
/// mirror do not wedge later fetches.
@Suite struct InterruptionCommandTests {
    /// A Deployment whose image never pulls, with a progress deadline (6000 s ÷ time scale 100 =
    /// 60 s) longer than the test needs: a sync of it waits for health for a minute.
    static let slowDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: slow
          namespace: default
        spec:
          replicas: 1
          progressDeadlineSeconds: 6000
          selector:
            matchLabels: {app: slow}
          template:
            metadata:
              labels: {app: slow}
            spec:
              containers:
              - name: web
                image: example.test/slow:broken

        """
    static let files = [
        "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "one"]),
    ]
    static let settings = "  develop:\n    ref: main\n    cluster: local\n    prune: true\n    healthTimeout: 120s\n"

    func historyJSON(_ workspace: CommandWorkspace) async throws -> String {
        try await workspace.kubectl("get", "configmap", "-n", "mooring-system", "mooring-history-develop", "-o", "json").stdout
    }

    @Test func killNineMidSyncIsRecordedAsInterruptedByTheNextRun() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings, timeScale: 100) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            let revision = try await workspace.repository.commit("a slow rollout", files: ["environments/develop/slow.yaml": Self.slowDeployment])
            let sync = try await Command.start(MooringBinary.path, ["sync", "--env", "develop", "--config", workspace.config],
                                               environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            defer { sync.kill() }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            while !(try await historyJSON(workspace)).contains(#"\"result\":\"Running\""#), clock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await historyJSON(workspace).contains(#"\"result\":\"Running\""#), "a Running record before the first apply")
            sync.kill()
            let killed = clock.now
            _ = try await sync.wait(timeout: .seconds(30))

            // While the dead process's Lease has not expired (15 s), status cannot tell it from a
            // slow sync: Running. Once it has, status says the sync was interrupted.
            let early = try await workspace.mooring(["status"])
            if clock.now - killed < .seconds(10) {
                #expect(early.stdout.contains("sync Running") && !early.stdout.contains("interrupted"), "\(early.stdout)\(early.stderr)")
            }
            var late = early
            while !late.stdout.contains("sync Interrupted"), clock.now - killed < .seconds(90) {
                try await Task.sleep(for: .seconds(1))
                late = try await workspace.mooring(["status"])
            }
            #expect(late.status == 1, "\(late.stdout)\(late.stderr)")
            #expect(late.stdout.contains("develop: the sync of \(revision.prefix(7)) started "), "\(late.stdout)")
            #expect(late.stdout.contains("was interrupted (no process holds its Lease)"), "\(late.stdout)")
            let json = try await workspace.mooring(["status", "--format", "json"]).stdout
            #expect(json.contains(#""interrupted": true"#), "\(json)")

            // The next run completes its record.
            let run = try await workspace.mooring(["run", "--once"], timeout: .seconds(120))
            let line = "interrupted: sync of \(revision.prefix(7)) at 20"
            #expect(run.stdout.contains(line), "\(run.stdout)\(run.stderr)")
            #expect(run.status == 1, "the slow Deployment is not Healthy: \(run.stdout)\(run.stderr)")
            let history = try await workspace.mooring(["history", "--env", "develop"])
            #expect(history.stdout.contains(line), "\(history.stdout)")
            #expect(!(try await historyJSON(workspace)).contains(#"\"result\":\"Running\""#))
            let after = try await workspace.mooring(["status"]).stdout
            #expect(!after.contains("Interrupted") && !after.contains("was interrupted"), "\(after)")
        }
    }

    /// The mirror folder in the workspace's cache (or in `cache`).
    func mirror(_ workspace: CommandWorkspace, cache: String? = nil) throws -> String {
        let cache = cache ?? workspace.folder + "/.mooring/cache"
        let names = try FileManager.default.contentsOfDirectory(atPath: cache).filter { !$0.hasSuffix(".lock") }
        #expect(names.count == 1, "\(names)")
        return cache + "/" + names[0]
    }

    @Test func aCorruptedMirrorIsRebuiltOnceSayingSo() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings, timeScale: 100) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            let objects = try mirror(workspace) + "/objects"
            try FileManager.default.removeItem(atPath: objects)
            try FileManager.default.createDirectory(atPath: objects, withIntermediateDirectories: true)
            try await workspace.repository.commit("stage two", files: [
                "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "two"]),
            ])
            let run = try await workspace.mooring(["run", "--once"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stderr.components(separatedBy: "was unreadable").count == 2, "reported once: \(run.stderr)")
            let stage = try await workspace.kubectl("get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.STAGE}")
            #expect(stage.stdout == "two")
            let again = try await workspace.mooring(["run", "--once"])
            #expect(again.status == 0 && !again.stderr.contains("unreadable"), "\(again.stderr)")
        }
    }

    /// The same while `run` loops: the next fetch finds the mirror damaged (its objects deleted
    /// behind the running process's back), says so once, clones it again, and the commit pushed
    /// meanwhile is applied without a restart.
    @Test func aMirrorCorruptedWhileRunLoopsIsRebuiltAtTheNextFetch() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings) { workspace in
            let runner = try await Command.start(MooringBinary.path, ["run", "--config", workspace.config],
                                                 environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            defer { runner.kill() }
            let clock = ContinuousClock()
            func stage() async throws -> String {
                try await workspace.kubectl("get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.STAGE}").stdout
            }
            func waitFor(_ value: String) async throws {
                let deadline = clock.now + .seconds(90)
                while try await stage() != value, clock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
            }
            try await waitFor("one")
            #expect(try await stage() == "one")

            // Unlinked, not truncated: the running process may have the packs mapped.
            let objects = try mirror(workspace) + "/objects"
            try FileManager.default.removeItem(atPath: objects)
            try FileManager.default.createDirectory(atPath: objects, withIntermediateDirectories: true)
            try await workspace.repository.commit("stage two", files: [
                "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "two"]),
            ])
            try await waitFor("two")
            #expect(try await stage() == "two", "the commit pushed after the corruption was applied")
            // A few more passes: the rebuilt mirror is not reported again.
            try await Task.sleep(for: .seconds(3))
            #expect(runner.isRunning)
            let ended = await runner.stop()
            #expect(ended.stderr.components(separatedBy: "was unreadable").count == 2, "reported once: \(ended.stderr)")
            #expect(ended.stderr.contains("; cloned it again"), "\(ended.stderr)")
        }
    }

    /// And in `run --listen`: the service's log says it once, as a warning.
    @Test func aMirrorCorruptedWhileTheServiceRunsIsRebuiltAtTheNextFetch() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: "") { workspace in
            let service = try await ServiceProcess.start(configuration: workspace.listenConfiguration(), name: "mirror-listen")
            do {
                func stage() async throws -> String {
                    try await workspace.kubectl("get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.STAGE}").stdout
                }
                try await poll(timeout: .seconds(90), "develop was never applied") { try await stage() == "one" }
                let objects = try mirror(workspace, cache: service.cacheFolder) + "/objects"
                try FileManager.default.removeItem(atPath: objects)
                try FileManager.default.createDirectory(atPath: objects, withIntermediateDirectories: true)
                try await workspace.repository.commit("stage two", files: [
                    "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "two"]),
                ])
                try await poll(timeout: .seconds(90), "the commit pushed after the corruption was never applied") { try await stage() == "two" }
                try await Task.sleep(for: .seconds(3))
                let log = try await service.terminate().stderr
                let warnings = log.split(separator: "\n").filter { $0.contains("was unreadable") }
                #expect(warnings.count == 1, "reported once: \(log.suffix(4000))")
                #expect(warnings.first?.contains(#""level":"warning""#) == true, "\(warnings)")
            } catch {
                await service.stop()
                throw error
            }
        }
    }

    @Test func aStaleGitLockLeftByACrashDoesNotWedgeTheNextFetch() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settings, timeScale: 100) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            let folder = try mirror(workspace)
            // What a process killed in the middle of updating refs/heads/main leaves behind.
            try FileManager.default.createDirectory(atPath: folder + "/refs/heads", withIntermediateDirectories: true)
            try "0000000000000000000000000000000000000000\n".write(toFile: folder + "/refs/heads/main.lock", atomically: false, encoding: .utf8)
            try "".write(toFile: folder + "/packed-refs.lock", atomically: false, encoding: .utf8)
            try await workspace.repository.commit("stage two", files: [
                "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "two"]),
            ])
            let run = try await workspace.mooring(["run", "--once"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let stage = try await workspace.kubectl("get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.STAGE}")
            #expect(stage.stdout == "two")
        }
    }
}
