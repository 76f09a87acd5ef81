import Foundation
import TestSupport
import Testing

/// What `mooring run` prints (issue 11): the first sync of the sample is a summary that fits on a
/// screen; `--diff` adds the manifests; in the loop a pass that applied nothing is one
/// timestamped line per environment.
@Suite struct OutputCommandTests {
    static let settings = """
          develop:
            ref: main
            cluster: local
            prune: true
            healthTimeout: 60s
          master:
            ref: main
            cluster: local
            prune: true
            healthTimeout: 60s

        """

    @Test func theFirstSyncOfTheSampleIsASummaryOfAtMostSixtyLines() async throws {
        try await CommandWorkspace.with(settings: Self.settings) { workspace in
            let run = try await workspace.mooring(["run", "--once"])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count <= 60, "\(lines.count) lines:\n\(run.stdout)")
            #expect(run.stdout.contains("== develop @ ") && run.stdout.contains("== master @ "))
            #expect(run.stdout.contains("  Created Deployment.apps django-develop/django-admin  [Healthy: Deployment is available"), "\(run.stdout)")
            #expect(!run.stdout.contains("apiVersion:"), "no manifests by default")

            // Nothing to do: "in sync", never "preview"; --diff changes nothing then.
            let again = try await workspace.mooring(["run", "--once", "--diff"])
            #expect(again.status == 0)
            #expect(again.stdout.contains("(in sync)") && !again.stdout.contains("preview"), "\(again.stdout)")
        }
    }

    @Test func withDiffTheManifestsOfCreatedObjectsAreShown() async throws {
        try await CommandWorkspace.with(settings: Self.settings) { workspace in
            let sync = try await workspace.mooring(["sync", "--env", "develop", "-v"])
            #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
            #expect(sync.stdout.contains("apiVersion: apps/v1"), "\(sync.stdout)")
        }
    }

    @Test func inTheLoopAQuietPassIsOneTimestampedLinePerEnvironment() async throws {
        try await CommandWorkspace.with(settings: Self.settings) { workspace in
            #expect(try await workspace.mooring(["run", "--once"]).status == 0)
            // stdout to a file, so the test can watch the lines arrive (interval 1s).
            let out = workspace.folder + "/run.out"
            let runner = try await Command.start("sh", ["-c", "exec \"$0\" run --config \"$1\" > \"$2\"", MooringBinary.path, workspace.config, out],
                                                 environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            defer { runner.kill() }
            func lines() -> [String] { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            while !(lines().contains { $0.contains(" develop ") } && lines().filter { $0.contains(" master ") }.count >= 2), clock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
            let output = await runner.stop()
            let written = lines()
            let pattern = #"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ (develop|master) [0-9a-f]{7} Synced Healthy \d+ objects \d+\.\d\ds$"#
            #expect(written.count >= 3, "\(written)\(output.stderr)")
            #expect(written.allSatisfy { $0.range(of: pattern, options: .regularExpression) != nil }, "\(written)")
            #expect(Set(written.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }) == ["develop", "master"])
        }
    }
}
