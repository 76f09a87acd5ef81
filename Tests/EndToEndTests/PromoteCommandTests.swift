import Foundation
import Manifests
import TestSupport
import Testing

/// `mooring promote`, run as the built binary against real repositories: a bare repository
/// served by a real `git daemon` on 127.0.0.1 (push enabled), or reached by its path.
@Suite struct PromoteCommandTests {
    static let developImage = "ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"

    @Test func promotesThroughAGitDaemonAsOneCommitTouchingOnlyMaster() async throws {
        let repo = try await SampleRepository.create(serve: true)
        defer { repo.stop() }
        try repo.writeConfig(url: repo.repository.url)
        let before = try await repo.repository.gitBare("rev-parse", "main")

        let run = try await MooringBinary.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master", "--push"])
        #expect(run.status == 0, "\(run.stderr)")
        let after = try await repo.repository.gitBare("rev-parse", "main")
        #expect(after != before)
        #expect(run.stdout.contains("committed \(after) on main"))
        #expect(run.stdout.contains("pushed main"))
        #expect(run.stdout.contains("Mooring promotion: develop → master"))

        #expect(try await repo.repository.gitBare("rev-list", "--count", "\(before)..main") == "1")
        let touched = try await repo.repository.gitBare("diff", "--name-only", before, "main").split(separator: "\n")
        #expect(!touched.isEmpty)
        #expect(touched.allSatisfy { $0.hasPrefix("environments/master/") })
        let message = try await repo.repository.gitBare("log", "-1", "--format=%B", "main")
        #expect(message.hasPrefix("Promote develop → master\n\nImages:\n  web: \(Self.developImage) (was ghcr.io/mooring-demo/django-admin@sha256:"))
        #expect(message.contains("Promoted from \(before)."))

        // master now renders develop's image with its own replicas and namespace.
        let render = try await MooringBinary.run(["render", "--config", repo.config, "--env", "master"])
        #expect(render.status == 0, "\(render.stderr)")
        let objects = try YAML.load(render.stdout, file: "stdout").map(\.value)
        let deployment = try #require(objects.first { $0["kind"] == "Deployment" })
        #expect(deployment[path: ["spec", "replicas"]] == 2)
        #expect(deployment[path: ["metadata", "namespace"]] == "django-master")
        #expect(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["image"] == .string(Self.developImage))
        #expect(objects.first { $0["kind"] == "Namespace" }?[path: ["metadata", "name"]] == "django-master")

        // Promoting again: nothing to promote, no commit, exit 0.
        let again = try await MooringBinary.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master", "--push"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("nothing to promote"))
        #expect(try await repo.repository.gitBare("rev-parse", "main") == after)
    }

    @Test func onlyAndKeepLimitWhatChanges() async throws {
        let repo = try await SampleRepository.create()
        try repo.writeConfig(url: repo.repository.barePath)
        let before = try await repo.repository.gitBare("rev-parse", "main")
        let run = try await MooringBinary.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master",
                                      "--only", "deployment/django-admin", "--only", "ConfigMap/django-settings",
                                      "--keep", "ConfigMap:/data/DEBUG", "--promote-replicas", "--push"])
        #expect(run.status == 0, "\(run.stderr)")
        let touched = try await repo.repository.gitBare("diff", "--name-only", before, "main").split(separator: "\n")
        #expect(touched.sorted() == ["environments/master/configmap.yaml", "environments/master/deployment.yaml"])
        let configMap = try await repo.repository.gitBare("show", "main:environments/master/configmap.yaml")
        #expect(configMap.contains("DEBUG: \"False\""))
        #expect(configMap.contains("develop.django-admin.local"))
        #expect(try await repo.repository.gitBare("show", "main:environments/master/deployment.yaml").contains("replicas: 1"))
        #expect(try await repo.repository.gitBare("show", "main:environments/master/ingress.yaml").contains("host: django-admin.local"))
    }

    @Test(arguments: ["text", "markdown", "json", "html"])
    func dryRunPrintsEachFormatAndCommitsNothing(format: String) async throws {
        let repo = try await SampleRepository.create()
        try repo.writeConfig(url: repo.repository.barePath)
        let before = try await repo.repository.gitBare("rev-parse", "main")
        let run = try await MooringBinary.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master",
                                      "--dry-run", "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await repo.repository.gitBare("rev-parse", "main") == before)
        switch format {
        case "json":
            let report = try JSON(parsing: run.stdout)
            #expect(report["kind"] == "promotion")
            #expect(report["hasChanges"] == true)
            let objects = report["environments"]?[0]?["objects"]?.arrayValue ?? []
            #expect(objects.contains { $0["kind"] == "Deployment" && $0["action"] == "configure" })
            #expect(run.stderr.contains("dry run"))
        case "html":
            #expect(run.stdout.contains("<table class=\"summary\">"))
            #expect(run.stdout.contains(Self.developImage))
        case "markdown":
            #expect(run.stdout.contains("| Action | Objects |"))
        default:
            #expect(run.stdout.contains("dry run: would commit 3 file(s) in environments/master on main"))
            #expect(!run.stdout.contains("\u{1B}["), "no colour when piped")
        }
    }

    /// On a terminal (a real pseudo-terminal from util-linux `script`) text is coloured, unless
    /// `--no-color` or `NO_COLOR` says otherwise.
    @Test func colourOnlyOnATerminalAndNotWhenDisabled() async throws {
        let repo = try await SampleRepository.create()
        try repo.writeConfig(url: repo.repository.barePath)
        let command = "\(MooringBinary.path) promote --config \(repo.config) --from develop --to master --dry-run"
        let escape = "\u{1B}["
        let coloured = try await Command.run("script", ["-qec", command, "/dev/null"], removing: ["NO_COLOR"])
        #expect(coloured.status == 0)
        #expect(coloured.stdout.contains(escape))
        let flagged = try await Command.run("script", ["-qec", command + " --no-color", "/dev/null"])
        #expect(flagged.stdout.contains("Configure Deployment.apps django-master/django-admin"))
        #expect(!flagged.stdout.contains(escape))
        let environment = try await Command.run("script", ["-qec", "NO_COLOR=1 " + command, "/dev/null"])
        #expect(environment.stdout.contains("Configure Deployment.apps django-master/django-admin"))
        #expect(!environment.stdout.contains(escape))
    }

    @Test func writesTheReportToAFile() async throws {
        let repo = try await SampleRepository.create()
        try repo.writeConfig(url: repo.repository.barePath)
        let file = repo.repository.folder.file("report.json")
        let run = try await MooringBinary.run(["promote", "--config", repo.config, "--from", "develop", "--to", "master",
                                      "--dry-run", "--format", "json", "--output", file])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSON(parsing: try String(contentsOfFile: file, encoding: .utf8))
        #expect(report["schemaVersion"] == 1)
        #expect(run.stdout.contains("dry run"))
    }

    @Test func mistakesAreOneLineAndExitTwo() async throws {
        let repo = try await SampleRepository.create()
        try repo.writeConfig(url: repo.repository.barePath)
        let cases: [([String], String)] = [
            (["--from", "develop", "--to", "staging"], "no environment \"staging\""),
            (["--from", "develop", "--to", "master", "--keep", "spec/replicas"], "--keep spec/replicas"),
            (["--from", "develop", "--to", "master", "--only", "Deployment/nope"], "--only Deployment/nope"),
        ]
        for (arguments, text) in cases {
            let run = try await MooringBinary.run(["promote", "--config", repo.config] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains(text), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }
}
