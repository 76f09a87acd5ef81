import ChildProcess
import Foundation
import Manifests
import TestSupport
import Testing

/// `run --listen` with two local clusters, one hung (it accepts and never answers in time): the
/// Lease rounds of the hung cluster run beside the loop, not in it, so a commit to the healthy
/// cluster's environment is applied promptly while the hung environment is reported failed,
/// naming its cluster (issue 11; before, every Lease round waited for the hung cluster), and
/// the service is ready all the same: a hung cluster must not take the pod out of its Service's
/// endpoints, where webhooks for the healthy environments reach it.
@Suite struct IsolationListenTests {
    /// develop on the workspace's cluster; master on the hung one, with a 40 s request timeout.
    func configuration(_ workspace: CommandWorkspace, hung: String) -> String {
        workspace.listenConfiguration("""
          master:
            ref: main
            cluster: {kubeconfig: \(hung)}
            prune: true
            healthTimeout: 30s
            requestTimeout: 40s
            timeout: 120s
        server:
          lease: {duration: 4s, renewDeadline: 3s, retryPeriod: 1s}

        """)
    }

    /// master's entry in `/api/v1/environments`.
    func master(_ service: ServiceProcess) async throws -> JSON? {
        let answer = try await service.request("GET", "/api/v1/environments")
        guard answer.httpStatus == 200 else { return nil }
        return try JSON(parsing: answer.httpBody)["environments"]?.arrayValue?.first { $0["name"]?.stringValue == "master" }
    }

    @Test func inListenModeAHungClusterNeverDelaysAnotherEnvironmentsApply() async throws {
        try await IsolationCommandTests.withHungCluster { hung in
            try await CommandWorkspace.with(environments: try SafetyFixture.environments(IsolationCommandTests.files),
                                            settings: "") { workspace in
                let service = try await ServiceProcess.start(configuration: configuration(workspace, hung: hung.kubeconfigPath),
                                                             name: "listen-hung", extraEnvironment: ["MOORING_LOCAL_TIME_SCALE": "100"])
                do {
                    try await poll(timeout: .seconds(90), "develop was never applied") {
                        try await IsolationCommandTests().stage(workspace) == "one"
                    }
                    // Commits to develop while master's Lease rounds wait for its cluster: each is
                    // applied promptly, not once per 40 s round as when the rounds were in the loop.
                    for stage in ["two", "three"] {
                        try await workspace.repository.commit("develop: stage \(stage)", files: [
                            "environments/develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": stage]),
                        ])
                        let clock = ContinuousClock()
                        let committed = clock.now
                        try await poll(timeout: .seconds(90), "develop's commit was never applied") {
                            try await IsolationCommandTests().stage(workspace) == stage
                        }
                        let took = clock.now - committed
                        #expect(took < .seconds(20), "develop's change waited \(took) for the hung cluster")
                    }

                    // master: reported failed, naming the hung cluster, once its 40 s request timeout passed.
                    var error: String?
                    try await poll(timeout: .seconds(120), "master was never reported failed") {
                        error = try await master(service)?["error"]?.stringValue
                        return error != nil
                    }
                    #expect(error?.contains("127.0.0.1:\(hung.port)") == true || error?.contains(hung.kubeconfigPath) == true, "\(error ?? "")")
                    // Ready while master is reported failed, in the API and in the metrics.
                    let ready = try await service.request("GET", "/readyz")
                    #expect(ready.httpStatus == 200, "\(ready.httpBody)")
                    let metrics = try await service.request("GET", "/metrics").httpBody.split(separator: "\n")
                    let unknown = metrics.first { $0.hasPrefix("mooring_environment_sync_status{") && $0.contains("environment=\"master\"") && $0.contains("status=\"Unknown\"") }
                    #expect(unknown.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } == 1, "\(unknown ?? "no sync status for master")")
                    let ended = await service.child.stop()
                    let stderr = ended?.stderr ?? ""
                    #expect(stderr.contains("master: error: "), "\(stderr.suffix(4000))")
                    #expect(!stderr.contains("develop: error: "), "\(stderr.suffix(4000))")
                } catch {
                    await service.stop()
                    throw error
                }
            }
        }
    }
}
