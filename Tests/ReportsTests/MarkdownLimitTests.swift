import Foundation
import Manifests
import Reconciler
import Reports
import Testing

/// A pull-request comment stays within GitHub's 65,536 characters however big the change.
@Suite struct MarkdownLimitTests {
    /// 1,000 ConfigMaps with a changed 20-line file each, plus 500 unchanged ones.
    static func thousandObjectReport() throws -> Report {
        func configMap(_ index: Int, version: Int) -> String {
            let lines = (1...20).map { "    line \($0) of file \(index) at version \($0 == 10 ? version : 1)" }.joined(separator: "\n")
            return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-\(index)\ndata:\n  app.conf: |\n\(lines)\n"
        }
        var old: [String: String] = [:], new: [String: String] = [:]
        for index in 0..<1_500 {
            old["cm-\(index).yaml"] = configMap(index, version: 1)
            new["cm-\(index).yaml"] = configMap(index, version: index < 1_000 ? 2 : 1)
        }
        let builder = Scenarios.master
        let live = ScenarioBuilder.live(try builder.prepare(try builder.render(old), revision: Scenarios.revisionA))
        let desired = try builder.prepare(try builder.render(new), revision: Scenarios.revisionB)
        let diff = try builder.diff(desired: desired, live: live, revision: Scenarios.revisionB)
        return Report(kind: .diff, environments: [EnvironmentReport(diff: diff, commit: Scenarios.commitB)])
    }

    @Test func thousandObjectChangeFitsInOneComment() throws {
        let report = try MarkdownLimitTests.thousandObjectReport()
        #expect(report.environments[0].count(.configure) == 1_000)
        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.utf16.count <= MarkdownRenderer.gitHubCommentLimit)
        #expect(markdown.utf16.count > MarkdownRenderer.gitHubCommentLimit / 2, "shortened no more than needed")
        // The summary survives in full; a note says what was left out.
        #expect(markdown.contains("| Configure | 1000 |"))
        #expect(markdown.contains("| Unchanged | 500 |"))
        #expect(markdown.contains("**Shortened** to fit GitHub's 65536-character comment limit"))
        #expect(markdown.contains("the names of 500 unchanged objects"))
        #expect(markdown.contains("<details>"))
    }

    /// Unchanged objects go first: a report that only overflows by its unchanged list keeps every diff.
    @Test func unchangedNamesGoBeforeDiffs() throws {
        let configured = try Scenarios.configured().environments[0]
        let unchanged = (1...100).map { index in
            ObjectReport(identity: ObjectIdentity(type: GroupVersionKind(apiVersion: "v1", kind: "ConfigMap"), namespace: "shop", name: "extra-\(index)"),
                         action: .unchanged)
        }
        let environment = EnvironmentReport(environment: configured.environment, revision: configured.revision, commit: configured.commit,
                                        objects: configured.objects + unchanged, notes: configured.notes)
        let report = Report(kind: .diff, environments: [environment])
        let full = MarkdownRenderer().render(report)
        let limit = full.utf16.count - 10
        let shortened = MarkdownRenderer(limit: limit).render(report)
        #expect(shortened.utf16.count <= limit)
        #expect(shortened.contains("the names of 102 unchanged objects"))
        #expect(!shortened.contains("`ConfigMap shop/extra-1`"))
        #expect(full.contains("`ConfigMap shop/extra-1`"))
        #expect(shortened.contains("+ spec.replicas: 3"), "diffs are kept while dropping names is enough")
    }

    @Test func noChangesSaysSo() throws {
        let rendered = try Scenarios.master.render(Scenarios.filesA)
        let desired = try Scenarios.master.prepare(rendered, revision: Scenarios.revisionA)
        let diff = try Scenarios.master.diff(desired: desired, live: ScenarioBuilder.live(desired), revision: Scenarios.revisionA)
        let report = Report(kind: .diff, environments: [EnvironmentReport(diff: diff)])
        #expect(!report.hasChanges)
        let markdown = MarkdownRenderer().render(report)
        #expect(markdown.contains("**No changes (4 objects in sync).**"))
        #expect(!markdown.contains("<details>"))
    }
}
