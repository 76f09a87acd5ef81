import Foundation
import TestSupport
import Testing

/// `mooring run` (the poller, without `--listen`) with `selfHeal`: an edit to a tracked object is
/// seen by the live cache's watch and healed at once, though the next poll is ten minutes away
/// (issue 14: "drift noticed in a second"); SIGTERM still ends the sleeping loop at once.
@Suite struct RunDriftCommandTests {
    static let files = [
        "develop/settings.yaml": SafetyFixture.configMap("settings", namespace: "default", data: ["STAGE": "one"]),
    ]

    @Test func anEditIsHealedLongBeforeTheNextPoll() async throws {
        try await CommandWorkspace.with(environments: try SafetyFixture.environments(Self.files), settings: "") { workspace in
            try """
                repository:
                  url: \(workspace.repository.url)
                  interval: 10m
                environments:
                  develop:
                    ref: main
                    cluster: local
                    prune: true
                    selfHeal: true
                    healthTimeout: 30s

                """.write(toFile: workspace.config, atomically: true, encoding: .utf8)
            let output = workspace.folder + "/run.out"
            let run = try await Command.start(MooringBinary.path, ["run", "--config", workspace.config, "--output", output],
                                              environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            defer { run.kill() }
            #expect(try await eventually(timeout: .seconds(90)) {
                ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").contains("develop @")
            }, "the first pass was reported")
            func stage() async throws -> String {
                try await workspace.kubectl("get", "configmap", "settings", "-n", "default", "-o", "jsonpath={.data.STAGE}").stdout
            }
            #expect(try await stage() == "one")

            let edit = try await workspace.kubectl("patch", "configmap", "settings", "-n", "default", "--type", "merge",
                                                   "-p", #"{"data":{"STAGE":"edited by hand"}}"#)
            #expect(edit.status == 0, "\(edit.stderr)")
            #expect(try await eventually(timeout: .seconds(60)) { try await stage() == "one" }, "healed before the next poll")
            let history = try await workspace.mooring(["history", "--env", "develop"])
            #expect(history.stdout.contains("self-heal"), "\(history.stdout)")

            let clock = ContinuousClock(), stopping = clock.now
            run.send(SIGTERM)
            let ended = try await run.wait(timeout: .seconds(60))
            #expect(ended?.status == 0, "\(String(describing: ended))")
            #expect(clock.now - stopping < .seconds(30), "the sleeping loop woke for the stop")
        }
    }
}
