import Foundation
import TestSupport
import Manifests
import Testing

/// Issue 6's reviewer story, through the `mooring` binary against a config repository served by
/// `git daemon` and the in-process local cluster: a branch that changes master's image is
/// previewed, develop is promoted to master, `run --once` applies it, and a `git revert` rolls it
/// back — each step's report says so.
@Suite struct ReportLifecycleTests {
    static let branchImage = "ghcr.io/mooring-demo/django-admin:4.2.17"
    static let developImage = "ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"

    struct Workspace {
        let harness: Harness
        let folder: String
        var config: String { folder + "/mooring.yaml" }
        var repository: ConfigRepository { harness.repository }

        func mooring(_ arguments: String...) async throws -> CommandResult {
            try await MooringBinary.run(arguments + ["--config", config], environment: ["NO_COLOR": "1"])
        }

        func json(_ result: CommandResult) throws -> JSON {
            do { return try JSON(parsing: result.stdout) } catch {
                throw FixtureError("not JSON (\(error)): \(result.stdout)\(result.stderr)")
            }
        }

        func git(_ arguments: String...) async throws -> String {
            try await repository.git(arguments)
        }
    }

    func withWorkspace(masterSettings: String = "", _ body: (Workspace) async throws -> Void) async throws {
        try await withHarness { harness in
            let folder = TemporaryFolder.make("report")
            var yaml = "repository:\n  url: \(harness.repository.url)\n  interval: 1m\nenvironments:\n"
            for name in ["develop", "master"] {
                yaml += "  \(name):\n    ref: main\n    cluster:\n      kubeconfig: \(harness.cluster.kubeconfigPath)\n"
                yaml += "    prune: true\n    healthTimeout: 30s\n" + (name == "master" ? masterSettings : "")
            }
            try yaml.write(toFile: folder + "/mooring.yaml", atomically: true, encoding: .utf8)
            try await body(Workspace(harness: harness, folder: folder))
        }
    }

    static func objects(of environment: JSON?) -> [JSON] { environment?["objects"]?.arrayValue ?? [] }

    static func environment(_ name: String, in report: JSON) -> JSON? {
        report["environments"]?.arrayValue?.first { $0["environment"] == .string(name) }
    }

    @Test func previewPromoteApplyAndRevertEachReportTheRightThing() async throws {
        try await withWorkspace { workspace in
            let first = try await workspace.mooring("run", "--once")
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("Created Deployment.apps django-master/django-admin"))

            // A pull request's branch that changes master's image.
            try await workspace.git("checkout", "-b", "bump-master")
            let deployment = try workspace.repository.read("environments/master/deployment.yaml")
            let bumped = deployment.replacingOccurrences(
                of: #"ghcr.io/mooring-demo/django-admin@sha256:[0-9a-f]+"#, with: Self.branchImage, options: .regularExpression)
            #expect(bumped != deployment)
            try bumped.write(toFile: workspace.repository.work + "/environments/master/deployment.yaml", atomically: true, encoding: .utf8)
            // …and slips in a YAML 1.1 boolean trap, which the preview flags from the rendering's warnings.
            let settings = try workspace.repository.read("environments/master/configmap.yaml") + "  FEATURE_SEARCH: yes\n"
            try settings.write(toFile: workspace.repository.work + "/environments/master/configmap.yaml", atomically: true, encoding: .utf8)
            try await workspace.git("commit", "-am", "Bump master to 4.2.17")
            try await workspace.git("push", "origin", "bump-master")
            try await workspace.git("checkout", "main")

            let markdown = try await workspace.mooring("diff", "--env", "master", "--revision", "bump-master", "--format", "markdown")
            #expect(markdown.status == 1, "\(markdown.stdout)\(markdown.stderr)")
            #expect(markdown.stdout.contains("<summary><b>Configure</b> <code>Deployment.apps django-master/django-admin</code></summary>"))
            #expect(markdown.stdout.contains("+ spec.template.spec.containers[name=web].image: \"\(Self.branchImage)\""))
            #expect(markdown.stdout.contains("Bump master to 4.2.17"), "the commit's summary")
            #expect(markdown.stdout.contains("mutable-image-tag"), "a tag instead of a digest is a policy note")
            #expect(markdown.stdout.contains("yaml-1.1-trap"), "\(markdown.stdout)")
            #expect(markdown.stdout.contains("environments/master/configmap.yaml:14"), "the note names file and line")

            let json = try await workspace.mooring("diff", "--env", "master", "--revision", "bump-master", "--format", "json")
            #expect(json.status == 1)
            let preview = try workspace.json(json)
            #expect(preview["kind"] == "diff")
            let master = Self.environment("master", in: preview)
            #expect(master?["commit"]?["author"] == "Test")
            let changed = Self.objects(of: master).filter { $0["action"] != "unchanged" }
            #expect(changed.map { $0["id"] } == ["ConfigMap django-master/django-settings", "Deployment.apps django-master/django-admin"])
            #expect(changed.last?["changes"]?[0]?["new"] == .string(Self.branchImage))

            // --all: only master's folder changes on the branch.
            let all = try await workspace.mooring("diff", "--all", "--revision", "bump-master", "--format", "json")
            #expect(all.status == 1, "\(all.stdout)\(all.stderr)")
            #expect(try workspace.json(all)["environments"]?.arrayValue?.map { $0["environment"] } == ["master"])
            #expect(all.stderr.contains("not changed by bump-master: develop"), "a status line beside JSON goes to stderr")
            let none = try await workspace.mooring("diff", "--all", "--revision", "main")
            #expect(none.status == 0, "\(none.stdout)\(none.stderr)")
            #expect(none.stdout.contains("no environment changed"))

            // What master would become with develop's manifests: a preview, no commit.
            let head = try await workspace.git("rev-parse", "main")
            let promotion = try await workspace.mooring("diff", "--from", "develop", "--to", "master", "--format", "json")
            #expect(promotion.status == 1, "\(promotion.stdout)\(promotion.stderr)")
            let planned = try workspace.json(promotion)
            #expect(planned["kind"] == "promotion")
            #expect(Self.objects(of: Self.environment("master", in: planned)).contains {
                $0["kind"] == "Deployment" && $0["action"] == "configure"
            })
            let onlyDeployment = try await workspace.mooring("diff", "--from", "develop", "--to", "master",
                                                             "--only", "deployment/django-admin", "--format", "json")
            #expect(onlyDeployment.status == 1, "\(onlyDeployment.stderr)")
            let changedOnly = Self.objects(of: Self.environment("master", in: try workspace.json(onlyDeployment)))
                .filter { $0["action"] != "unchanged" }.map { $0["id"] }
            #expect(changedOnly == ["Deployment.apps django-master/django-admin"])
            #expect(try await workspace.git("ls-remote", "origin", "refs/heads/main").hasPrefix(head), "nothing pushed")

            let promote = try await workspace.mooring("promote", "--from", "develop", "--to", "master", "--push")
            #expect(promote.status == 0, "\(promote.stdout)\(promote.stderr)")
            try await workspace.repository.pull()
            let promotionCommit = try await workspace.git("rev-parse", "HEAD")
            #expect(promotionCommit != head)

            let apply = try await workspace.mooring("run", "--once", "--format", "json")
            #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
            let applied = try workspace.json(apply)
            let masterApplied = Self.environment("master", in: applied)
            #expect(masterApplied?["revision"] == .string(promotionCommit))
            #expect(masterApplied?["operation"] == "sync")
            #expect(masterApplied?["commit"]?["summary"] == "Promote develop → master")
            #expect(masterApplied?["previousRevision"] == .string(head))
            #expect(Self.objects(of: masterApplied).contains {
                $0["id"] == "Deployment.apps django-master/django-admin" && $0["action"] == "configure"
            }, "\(apply.stdout)")
            #expect(Self.environment("develop", in: applied)?["hasChanges"] == false)
            let page = workspace.folder + "/in-sync.html"
            let inSync = try await workspace.mooring("diff", "--env", "master", "--format", "html", "--output", page)
            #expect(inSync.status == 0, "applied: nothing left to change \(inSync.stderr)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<table class=\"summary\">"))
            #expect(html.contains("Promote develop → master"), "the commit's summary")

            // Reverting the promotion in git is a rollback, and the report says from what to what.
            let revert = try await workspace.repository.revert(promotionCommit)
            let revertPreview = try workspace.json(try await workspace.mooring("diff", "--env", "master", "--format", "json"))
            let previewContext = Self.environment("master", in: revertPreview)?["context"]
            #expect(previewContext?["type"] == "rollback", "a preview of the revert already says it is a rollback")
            #expect(previewContext?["from"] == .string(promotionCommit))
            #expect(previewContext?["to"] == .string(head))
            let dryRun = try workspace.json(try await workspace.mooring("sync", "--env", "master", "--dry-run", "--format", "json"))
            #expect(Self.environment("master", in: dryRun)?["context"]?["from"] == .string(promotionCommit), "so does a dry run")
            let rollback = try await workspace.mooring("run", "--once")
            #expect(rollback.status == 0, "\(rollback.stdout)\(rollback.stderr)")
            #expect(rollback.stdout.contains("== master @ \(revert.prefix(7)) (rollback, applied) =="), "\(rollback.stdout)")
            #expect(rollback.stdout.contains("context  rolled back from \(promotionCommit.prefix(7)) to \(head.prefix(7)) (git revert)"))
            #expect(rollback.stdout.contains("Configured Deployment.apps django-master/django-admin"))

            // The history links the rollback, and --diff shows what the promotion's sync changed.
            let historyText = try await workspace.mooring("history", "--env", "master")
            #expect(historyText.stdout.contains("rolled back from \(promotionCommit.prefix(7)) (#2) to \(head.prefix(7)) (#1)"), "\(historyText.stdout)")
            #expect(historyText.stdout.contains("commit \(promotionCommit.prefix(7)) by "))
            let history = try workspace.json(try await workspace.mooring("history", "--env", "master", "--format", "json"))
            let operations = history["operations"]?.arrayValue ?? []
            #expect(operations.map { $0["operation"] } == ["rollback", "sync", "sync"])
            #expect(operations.first?["rollback"]?["from"] == .string(promotionCommit))
            let promotedSync = try #require(operations.dropFirst().first?["id"]?.intValue)
            let operation = try await workspace.mooring("history", "--env", "master", "--diff", String(promotedSync))
            #expect(operation.status == 0, "\(operation.stderr)")
            #expect(operation.stdout.contains("Configured Deployment.apps django-master/django-admin"), "\(operation.stdout)")
            let missing = try await workspace.mooring("history", "--env", "master", "--diff", "99")
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("no operation 99 in the history of master"))
        }
    }

    /// A sync whose image cannot be pulled ends Degraded and is rolled back by itself: the report,
    /// written to a file, shows the failed sync and the auto-rollback with its reason; exit 1.
    @Test func degradedSyncReportShowsTheAutoRollback() async throws {
        try await withWorkspace(masterSettings: "    rollbackOnFailure: true\n") { workspace in
            let first = try await workspace.mooring("sync", "--env", "master", "--format", "json")
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            let good = try #require(Self.environment("master", in: try workspace.json(first))?["revision"]?.stringValue)

            let deployment = try workspace.repository.read("environments/master/deployment.yaml")
            let broken = deployment.replacingOccurrences(
                of: #"ghcr.io/mooring-demo/django-admin@sha256:[0-9a-f]+"#, with: "ghcr.io/mooring-demo/django-admin:broken",
                options: .regularExpression)
            let bad = try await workspace.repository.commit("Ship a broken image", files: ["environments/master/deployment.yaml": broken])

            let dryRun = try await workspace.mooring("sync", "--env", "master", "--dry-run", "--format", "json")
            #expect(dryRun.status == 0, "a dry run applies nothing: \(dryRun.stderr)")
            let planned = Self.environment("master", in: try workspace.json(dryRun))
            #expect(planned?["applied"] == false)
            #expect(Self.objects(of: planned).first?["action"] == "configure")

            let file = workspace.folder + "/sync.md"
            let sync = try await workspace.mooring("sync", "--env", "master", "--format", "markdown", "--output", file)
            #expect(sync.status == 1, "Degraded is exit 1: \(sync.stdout)\(sync.stderr)")
            #expect(sync.stdout.isEmpty, "the report went to the file")
            let markdown = try String(contentsOfFile: file, encoding: .utf8)
            #expect(markdown.contains("### master @ `\(bad.prefix(7))` (sync, applied)"), "\(markdown)")
            #expect(markdown.contains("### master @ `\(good.prefix(7))` (auto-rollback, applied)"), "\(markdown)")
            #expect(markdown.contains("rolled back from \(bad.prefix(7)) to \(good.prefix(7)) (health check failed)"), "\(markdown)")
            #expect(markdown.contains("Degraded"))
        }
    }

    /// Contradictory or incomplete `diff` options are a usage error: exit 2 before anything is read.
    @Test(arguments: [
        [String](), ["--env", "master", "--all"], ["--all"], ["--from", "develop"], ["--from", "master", "--to", "master"],
        ["--env", "master", "--only", "deployment/web"], ["--from", "develop", "--to", "master", "--revision", "main"],
    ])
    func contradictoryDiffOptionsExitTwo(arguments: [String]) async throws {
        let result = try await MooringBinary.run(["diff"] + arguments + ["--config", "/nonexistent/mooring.yaml"])
        #expect(result.status == 2, "\(arguments): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--"), "the message names the options: \(result.stderr)")
    }
}
