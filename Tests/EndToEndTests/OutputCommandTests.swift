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
            let runner = try await Command.start(MooringBinary.path, ["run", "--config", workspace.config],
                                                 environment: ["MOORING_LOCAL_TIME_SCALE": "100"])
            defer { runner.kill() }
            // interval 1s: a few quiet passes each.
            try await Task.sleep(for: .seconds(5))
            let output = await runner.stop()
            let lines = output.stdout.split(separator: "\n").map(String.init)
            let pattern = #"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ (develop|master) [0-9a-f]{7} Synced Healthy \d+ objects \d+\.\d\ds$"#
            #expect(lines.count >= 2, "\(output.stdout)\(output.stderr)")
            #expect(lines.allSatisfy { $0.range(of: pattern, options: .regularExpression) != nil }, "\(output.stdout)")
            #expect(Set(lines.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }) == ["develop", "master"])
        }
    }
}
