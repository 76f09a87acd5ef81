import Foundation
import Manifests
import TestSupport
import Testing

/// One applier per environment through the binary: two `mooring run` processes with different
/// ideas of one environment never alternate it; the second waits as a standby, says for whom,
/// and takes over once the first is killed; `--no-wait` exits 2 naming the holder; `diff` and
/// `status` read without waiting.
@Suite struct LeaseCommandTests {
    static let files = [
        "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["FROM": "runner-a"]),
    ]
    static let settingsA = "  develop:\n    ref: main\n    cluster: local\n    prune: true\n    healthTimeout: 30s\n"
    static let settingsB = "  develop:\n    ref: runner-b\n    cluster: local\n    prune: true\n    healthTimeout: 30s\n"

    func value(_ workspace: CommandWorkspace) async throws -> String {
        try await workspace.kubectl("get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.FROM}").stdout
    }

    func run(_ workspace: CommandWorkspace, config: String) async throws -> BackgroundCommand {
        try await Command.start(MooringBinary.path, ["run", "--config", config], environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
    }

    @Test func twoRunnersNeverAlternateAndTheStandbyTakesOverAfterKillNine() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: Self.settingsA) { workspace in
            // Runner B's branch says something else about the same environment.
            let work = workspace.repository.work
            try await Git(in: work).run(["checkout", "-q", "-b", "runner-b"])
            try SafetyFixture.configMap("settings", namespace: "default", data: ["FROM": "runner-b"])
                .write(toFile: work + "/environments/develop/settings.yaml", atomically: true, encoding: .utf8)
            try await Git(in: work).run(["commit", "-q", "-am", "runner b"])
            try await Git(in: work).run(["push", "-q", "origin", "runner-b"])
            try await Git(in: work).run(["checkout", "-q", "main"])
            let configB = workspace.folder + "/mooring-b.yaml"
            try workspace.writeConfig(url: workspace.repository.url, settings: Self.settingsB, file: configB)

            let a = try await run(workspace, config: workspace.config)
            var stopped = false
            defer { if !stopped { a.send(SIGKILL) } }
            let clock = ContinuousClock()
            let ready = clock.now + .seconds(60)
            while try await value(workspace) != "runner-a", clock.now < ready { try await Task.sleep(for: .milliseconds(200)) }
            #expect(try await value(workspace) == "runner-a")

            let b = try await run(workspace, config: configB)
            defer { b.send(SIGKILL) }
            let end = clock.now + .seconds(30)
            var samples = 0
            var lastSample = clock.now
            while clock.now < end {
                let seen = try await value(workspace)
                #expect(seen == "runner-a", "runner b applied while runner a holds the Lease")
                samples += 1
                lastSample = clock.now
                try await Task.sleep(for: .milliseconds(500))
            }
            // Sampled across the whole 30 s (a kubectl read takes seconds on a loaded machine, so
            // the count is a floor, not a rate).
            #expect(samples >= 8 && end - lastSample < .seconds(10), "\(samples) samples")
            let history = try await workspace.kubectl("get", "configmap", "-n", "mooring-system", "mooring-history-develop", "-o", "json")
            #expect(!history.stdout.contains("runner b"), "only runner a's operations are recorded")

            // While a holds it: --no-wait says who since when; diff and status do not wait.
            let noWait = try await workspace.mooring(["sync", "--env", "develop", "--no-wait"], config: configB)
            #expect(noWait.status == 2, "\(noWait.stdout)\(noWait.stderr)")
            #expect(noWait.stderr.hasPrefix("error: environment develop is being applied elsewhere: Lease mooring-system/mooring-env-develop is held by "), "\(noWait.stderr)")
            #expect(noWait.stderr.contains("_\(a.pid)_") && noWait.stderr.contains(" since 20"), "\(noWait.stderr)")
            let diff = try await workspace.mooring(["diff", "--env", "develop"], config: configB, timeout: .seconds(30))
            #expect(diff.status == 1, "runner b's branch differs: \(diff.stdout)\(diff.stderr)")
            // status answers at once; runner b's branch is not what runs, so it says 1 (issue 11's exit codes).
            #expect(try await workspace.mooring(["status"], config: configB, timeout: .seconds(30)).status == 1)

            // Runner a dies without a word: b takes over once the Lease expires (15 s).
            a.send(SIGKILL)
            _ = try? await a.wait(timeout: .seconds(30))
            stopped = true
            let takeover = clock.now + .seconds(60)
            while try await value(workspace) != "runner-b", clock.now < takeover { try await Task.sleep(for: .milliseconds(250)) }
            #expect(try await value(workspace) == "runner-b")
            let lease = try await workspace.kubectl("get", "lease", "-n", "mooring-system", "mooring-env-develop", "-o", "json")
            let spec = try JSON(parsing: Array(lease.stdout.utf8))["spec"]
            #expect(spec?["holderIdentity"]?.stringValue?.contains("_\(b.pid)_") == true, "\(lease.stdout)")
            #expect(spec?["leaseTransitions"] == 1)

            // SIGTERM: runner b finishes its pass, gives its Lease back and exits.
            b.send(SIGTERM)
            let result = try await b.wait(timeout: .seconds(30))
            #expect(result?.status == 0, "mooring run exits 0 after SIGTERM")
            #expect(result?.stderr.contains("develop: waiting: Lease mooring-system/mooring-env-develop is held by ") == true, "[\(result?.stderr ?? "")] [\(result?.stdout ?? "")]")
            let released = try await workspace.kubectl("get", "lease", "-n", "mooring-system", "mooring-env-develop", "-o", "jsonpath={.spec.holderIdentity}")
            #expect(released.stdout.isEmpty, "a runner that stops gives its Lease back")
        }
    }
}
