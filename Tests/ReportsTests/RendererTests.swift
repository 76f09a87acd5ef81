import Foundation
import Manifests
import Reconciler
import Reports
import Testing

@Suite struct RendererTests {
    @Test func terminalColourOnlyWhenAsked() throws {
        let report = try Scenarios.configured()
        let plain = TextRenderer(color: false).render(report)
        let coloured = TextRenderer(color: true).render(report)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[32m    + spec.replicas: 3\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31m    - spec.replicas: 2\u{1B}[0m"))
    }

    @Test func jsonFollowsSchemaVersionOne() throws {
        let json = try JSON(parsing: JSONReportEncoder().render(try Scenarios.pruned()))
        #expect(json["schemaVersion"] == 1)
        #expect(json["kind"] == "sync")
        let environment = try #require(json["environments"]?[0])
        #expect(environment["summary"]?["prune"] == 1)
        #expect(environment["summary"]?["kept"] == 1)
        #expect(environment["summary"]?["unchanged"] == 4)
        #expect(environment["health"] == "Healthy")
        #expect(environment["applied"] == true)
        let first = try #require(environment["objects"]?[0])
        #expect(first["id"] == "CronJob.batch shop/nightly-cleanup")
        #expect(first["action"] == "prune")
        #expect(first["version"] == "v1")
        let history = try JSON(parsing: JSONReportEncoder().render(Scenarios.historyReport()))
        #expect(history["type"] == "history")
        #expect(history["operations"]?[0]?["rollback"]?["from"] == .string(Scenarios.revisionB))
    }

    /// Everything in the page is escaped and nothing is fetched or run.
    @Test func htmlEscapesAndStaysSelfContained() {
        let identity = ObjectIdentity(type: GroupVersionKind(apiVersion: "v1", kind: "ConfigMap"), namespace: "x", name: "evil")
        let object = ObjectReport(identity: identity, action: .failed,
                                  changes: [FieldChange(path: FieldPath([.key("data"), .key("<b>")]), kind: .added, old: nil, new: "<script>alert(1)</script>")],
                                  message: "rejected: <img src=x onerror=alert(1)>")
        let report = Report(kind: .sync, environments: [EnvironmentReport(
            environment: "prod\"><script>", revision: "r", commit: CommitInfo(id: "r", author: "<i>Mallory</i> & co"),
            objects: [object])])
        let html = HTMLRenderer().render(report)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<i>Mallory"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;i&gt;Mallory&lt;/i&gt; &amp; co"))
        for external in ["<link", "<iframe", "@import", "url(", "http://", "https://"] { #expect(!html.contains(external)) }
        let markdown = MarkdownRenderer().render(report)
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("rejected: &lt;img src=x onerror=alert(1)&gt;"))
    }

    /// Multi-line values diff line by line, with the unchanged lines as context.
    @Test func multiLineValuesDiffByLine() throws {
        let object = try #require(try Scenarios.configured().environments[0].objects.first { $0.identity.kind == "ConfigMap" })
        #expect(object.diff.map(\.marked) == [
            "  data[\"settings.ini\"]: |", "    [server]", "-   workers = 2", "+   workers = 4", "    timeout = 30",
        ])
    }

    @Test func operationReportNamesRecordedObjects() throws {
        let report = Scenarios.operationReport()
        let environment = report.environments[0]
        #expect(environment.objects.map(\.name) == ["ConfigMap shop/settings", "Deployment.apps shop/web"])
        #expect(environment.context == .rollback(from: Scenarios.revisionB, to: Scenarios.revisionA, reason: "health check failed"))
        #expect(report.kind == .operation)
    }

    /// Rollbacks link to the operations that applied the revisions they leave and restore.
    @Test func historyLinksRollbacks() {
        let history = Scenarios.historyReport()
        #expect(history.entries.map(\.id) == [4, 3, 2, 1])
        #expect(history.entries[1].rolledBackFromOperation == 2)
        #expect(history.entries[1].rolledBackToOperation == 1)
        #expect(history.entries[0].rolledBackToOperation == 3)
        let html = HTMLRenderer().render(history)
        #expect(html.contains("<tr id=\"op-2\">"))
        #expect(html.contains("rolled back from <a href=\"#op-2\"><code>b7e1f00</code> (#2)</a> to <a href=\"#op-1\"><code>a1b2c3d</code> (#1)</a>"))
    }

    @Test func changesAndFailuresForExitCodes() throws {
        #expect(try Scenarios.failed().hasChanges)
        #expect(try Scenarios.drifted().hasChanges)
    }
}
