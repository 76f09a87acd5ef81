import Foundation
import LocalCluster
import TestSupport
import Testing

/// Two local clusters, one hung (the local cluster's fault injection delays every answer by
/// minutes: it accepts connections and never answers in time). The healthy environment is
/// applied at once; the hung one fails with one line naming the cluster and the limit, within
/// its request timeout and pass deadline (issue 11: before, one hung cluster held `run --once`
/// silent for 301 s and delayed another environment's apply by five minutes).
@Suite struct IsolationCommandTests {
    static let files = [
        "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "one"]),
        "master/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "one"]),
    ]

    /// develop on the workspace's cluster, master on `hung` with short limits.
    static func settings(hung: LocalClusterServer, requestTimeout: String, timeout: String) -> String {
        """
          develop:
            ref: main
            cluster: local
            prune: true
            healthTimeout: 30s
          master:
            ref: main
            cluster:
              kubeconfig: \(hung.kubeconfigPath)
            prune: true
            healthTimeout: 30s
            requestTimeout: \(requestTimeout)
            timeout: \(timeout)

        """
    }

    /// A second embedded cluster that answers nothing for ten minutes.
    static func withHungCluster<T>(_ body: (LocalClusterServer) async throws -> T) async throws -> T {
        var options = LocalClusterOptions(dataDirectory: TemporaryFolder.make("hung-cluster"))
        options.timeScale = 100
        let hung = try await LocalClusterServer.start(options)
        do {
            try await Command.check("curl", ["-s", "-f", "-X", "PUT", "-H", "Authorization: Bearer \(hung.token)",
                                             "--data-binary", #"{"rules": [{"latencyMilliseconds": 600000}]}"#,
                                             hung.url + "/mooring-admin/faults"])
            let result = try await body(hung)
            try? await hung.stop()
            return result
        } catch {
            try? await hung.stop()
            throw error
        }
    }

    func stage(_ workspace: CommandWorkspace) async throws -> String {
        try await workspace.kubectl("get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.STAGE}").stdout
    }

    @Test func runOnceAppliesTheHealthyEnvironmentAndNamesTheHungClusterWithinItsTimeout() async throws {
        try await Self.withHungCluster { hung in
            let settings = Self.settings(hung: hung, requestTimeout: "2s", timeout: "40s")
            try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: settings) { workspace in
                let clock = ContinuousClock()
                let started = clock.now
                let run = try await workspace.mooring(["run", "--once"], timeout: .seconds(120))
                let took = clock.now - started
                #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
                #expect(try await stage(workspace) == "one", "develop was applied")
                let line = run.stderr.split(separator: "\n").first { $0.hasPrefix("master: error: ") }
                #expect(line?.contains("cluster at http://127.0.0.1:\(hung.port) did not answer within 2 s") == true, "\(run.stderr)")
                #expect(!run.stderr.contains("develop: error"), "\(run.stderr)")
                // One timed-out request is not sent again: far below 5 attempts × the timeout plus
                // the deadline; the margin is for a machine loaded by other builds.
                #expect(took < .seconds(45), "run --once took \(took)")
            }
        }
    }

    @Test func inTheLoopAHungClusterNeverDelaysAnotherEnvironmentsApply() async throws {
        try await Self.withHungCluster { hung in
            // master's passes each hang for 30 s (its request timeout); develop's interval is 1 s.
            let settings = Self.settings(hung: hung, requestTimeout: "30s", timeout: "90s")
            try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: settings) { workspace in
                let runner = try await Command.start(MooringBinary.path, ["run", "--config", workspace.config],
                                                     environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
                defer { runner.kill() }
                let clock = ContinuousClock()
                let ready = clock.now + .seconds(60)
                while try await stage(workspace) != "one", clock.now < ready { try await Task.sleep(for: .milliseconds(200)) }
                #expect(try await stage(workspace) == "one")

                // A commit to develop while master's pass is still waiting for its cluster.
                try await workspace.repository.commit("develop: stage two", files: [
                    "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "two"]),
                ])
                let committed = clock.now
                while try await stage(workspace) != "two", clock.now < committed + .seconds(60) {
                    try await Task.sleep(for: .milliseconds(200))
                }
                let took = clock.now - committed
                #expect(try await stage(workspace) == "two")
                #expect(took < .seconds(20), "develop's change waited \(took) for the hung cluster")
                #expect(runner.isRunning)
            }
        }
    }
}
