import Foundation
import Manifests
import TestSupport
import Testing

/// The `mooring` binary on the kustomize sample served by `git daemon`, against the in-process
/// local cluster: `version` names the kustomize, `diff --all` sees a base change in both
/// overlays and an overlay change in its own only, `diff --from/--to` previews an image
/// promotion, `promote` commits it to master's kustomization and `run --once` applies it.
@Suite struct KustomizeCommandTests {
    static let developImage = "ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"

    func withWorkspace(_ body: (ReportLifecycleTests.Workspace) async throws -> Void) async throws {
        try await withHarness(timeScale: KustomizeEndToEndTests.timeScale, environments: KustomizeEndToEndTests.overlays) { harness in
            let folder = TemporaryFolder.make("kustomize-cli")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var yaml = "repository:\n  url: \(harness.repository.url)\n  interval: 1m\nenvironments:\n"
            for name in ["develop", "master"] {
                yaml += "  \(name):\n    ref: main\n    cluster:\n      kubeconfig: \(harness.cluster.kubeconfigPath)\n"
                yaml += "    prune: true\n    healthTimeout: 90s\n"
            }
            try yaml.write(toFile: folder + "/mooring.yaml", atomically: true, encoding: .utf8)
            try await body(ReportLifecycleTests.Workspace(harness: harness, folder: folder))
        }
    }

    /// Commits a change to `path` on a new branch `branch`, pushes it, and returns to main.
    func branch(_ branch: String, _ workspace: ReportLifecycleTests.Workspace, _ path: String,
                _ change: (String) -> String) async throws {
        try await workspace.git("checkout", "-b", branch)
        let text = try workspace.repository.read(path)
        try change(text).write(toFile: workspace.repository.work + "/" + path, atomically: true, encoding: .utf8)
        try await workspace.git("commit", "-am", "\(branch): change \(path)")
        try await workspace.git("push", "origin", branch)
        try await workspace.git("checkout", "main")
    }

    @Test func versionNamesTheKustomizeItRuns() async throws {
        let version = try await Command.run(ReconcileCommandTests.binary, ["version"], environment: [:], input: nil)
        #expect(version.status == 0)
        #expect(version.stdout.contains("kustomize: kubectl kustomize (/"), "\(version.stdout)")
        #expect(version.stdout.contains(") v5."), "\(version.stdout)")
        let none = try await Command.run(ReconcileCommandTests.binary, ["version"], environment: ["PATH": "/nonexistent"], input: nil)
        #expect(none.stdout.contains("kustomize: none (no kustomize to render with"), "\(none.stdout)")
    }

    @Test func previewsPromotionAndApplyOnTheOverlays() async throws {
        try await withWorkspace { workspace in
            let first = try await workspace.mooring("run", "--once")
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")

            // A change to the shared base touches both overlays; one to develop's overlay, develop only.
            try await branch("bump-base", workspace, "environments/base/deployment.yaml") {
                $0.replacingOccurrences(of: "cpu: 100m", with: "cpu: 150m")
            }
            try await branch("bump-develop", workspace, "environments/develop/kustomization.yaml") {
                $0.replacingOccurrences(of: "DEBUG=True", with: "DEBUG=False")
            }
            let base = try await workspace.mooring("diff", "--all", "--revision", "bump-base", "--format", "json")
            #expect(base.status == 1, "\(base.stdout)\(base.stderr)")
            #expect(try workspace.json(base)["environments"]?.arrayValue?.map { $0["environment"] } == ["develop", "master"])
            let develop = try await workspace.mooring("diff", "--all", "--revision", "bump-develop", "--format", "json")
            #expect(develop.status == 1, "\(develop.stdout)\(develop.stderr)")
            let developReport = try workspace.json(develop)
            #expect(developReport["environments"]?.arrayValue?.map { $0["environment"] } == ["develop"])
            #expect(develop.stderr.contains("not changed by bump-develop: master"))
            // The settings change is a new hashed ConfigMap, the Deployment pointing at it, the old one pruned.
            let actions = ReportLifecycleTests.objects(of: ReportLifecycleTests.environment("develop", in: developReport))
                .filter { $0["action"] != "unchanged" }.compactMap { $0["action"]?.stringValue }
            #expect(actions.sorted() == ["configure", "create", "prune"], "\(actions)")

            // What master would run with develop's release: its image, nothing else.
            let head = try await workspace.git("rev-parse", "main")
            let preview = try await workspace.mooring("diff", "--from", "develop", "--to", "master", "--format", "json")
            #expect(preview.status == 1, "\(preview.stdout)\(preview.stderr)")
            let changed = ReportLifecycleTests.objects(of: ReportLifecycleTests.environment("master", in: try workspace.json(preview)))
                .filter { $0["action"] != "unchanged" }
            #expect(changed.map { $0["id"] } == ["Deployment.apps django-master/django-admin"], "\(changed)")

            let promote = try await workspace.mooring("promote", "--from", "develop", "--to", "master", "--push")
            #expect(promote.status == 0, "\(promote.stdout)\(promote.stderr)")
            try await workspace.repository.pull()
            let commit = try await workspace.git("rev-parse", "HEAD")
            #expect(commit != head)
            #expect(try await workspace.git("show", "--name-only", "--format=", commit) == "environments/master/kustomization.yaml")

            let apply = try await workspace.mooring("run", "--once")
            #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
            let image = try await workspace.harness.kubectl("get", "deployment", "django-admin", "-n", "django-master",
                                                            "-o", "jsonpath={.spec.template.spec.containers[0].image}")
            #expect(image.stdout == Self.developImage)
            let again = try await workspace.mooring("diff", "--from", "develop", "--to", "master")
            #expect(again.status == 0, "nothing left to promote: \(again.stdout)\(again.stderr)")
        }
    }
}
