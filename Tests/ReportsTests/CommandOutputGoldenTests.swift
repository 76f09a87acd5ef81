import Foundation
import Manifests
import Reconciler
import Reports
import Testing

/// The command-line outputs of issue 11 against golden files: the default summary of a sync, the
/// loop's line per environment, and the JSON documents of status, render and rollback
/// (`MOORING_UPDATE_GOLDEN=1` rewrites them).
@Suite struct CommandOutputGoldenTests {
    @Test(arguments: ["pruned", "failed", "rollback"])
    func summaries(_ scenario: String) throws {
        let report: Report
        switch scenario {
        case "pruned": report = try Scenarios.pruned()
        case "failed": report = try Scenarios.failed()
        default: report = try Scenarios.rollback()
        }
        let text = ReportRenderer(format: .text, detailed: false).render(report)
        try GoldenFile.check(text, name: "\(scenario)-summary.txt")
        #expect(!text.contains("apiVersion"), "a summary holds no manifests")
        #expect(!text.contains("    - "), "a summary holds no field diffs")
    }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func loopLines() throws {
        let outcome = try Scenarios.inSyncOutcome()
        let lines = [
            PassLine.render(outcome, duration: .milliseconds(214), at: Self.now),
            PassLine.render(environment: "develop", failure: .deadlineExceeded(limit: .seconds(45), lastStep: "develop: reading the live objects (12 declared)"),
                            at: Self.now),
            PassLine.render(environment: "master", failure: .cluster("cluster at http://127.0.0.1:6443 did not answer within 30 s (GET /api/v1/namespaces/mooring-system/configmaps/mooring-history-master)"),
                            at: Self.now),
        ]
        try GoldenFile.check(lines.joined(separator: "\n") + "\n", name: "loop-lines.txt")
        #expect(lines[0] == "2026-11-18T11:06:40Z master b7e1f00 Synced Healthy 4 objects 0.21s")
    }

    @Test func statusJSON() throws {
        let record = HistoryRecord(id: 7, revision: Scenarios.revisionA, time: Self.now.addingTimeInterval(-300), operation: .sync,
                                   result: .succeeded, health: .healthy, message: "sync to a1b2c3d")
        let rows: [(environment: String, status: Result<EnvironmentStatus, ReconcileError>)] = [
            ("develop", .success(EnvironmentStatus(environment: "develop", revision: Scenarios.revisionA, synced: false, health: .healthy,
                                                   lastOperation: record, targetRevision: Scenarios.revisionB,
                                                   targetFailure: "environments/develop/bad.yaml:6: mapping values are not allowed here",
                                                   lastGood: Scenarios.revisionA))),
            ("master", .failure(.cluster("cluster local is unreachable"))),
        ]
        try GoldenFile.check(CommandJSON.status(rows), name: "status.json")
        try GoldenFile.check(StatusTable.render(rows, now: Self.now) + "\n", name: "status-failure.txt")
    }

    @Test func renderAndRollbackJSON() throws {
        let objects: [JSON] = [["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "namespace": "shop"], "data": ["DEBUG": "False"]]]
        try GoldenFile.check(CommandJSON.render(objects), name: "render.json")
        try GoldenFile.check(CommandJSON.rollback(environment: "master", reverts: [Scenarios.revisionC], pushed: true), name: "rollback-command.json")
    }

    @Test func controlCharactersFromCommitsAndObjectsNeverReachTheTerminal() throws {
        let hostile = "Release \u{1B}]0;pwned\u{07}4.2\u{1B}[2J\r\u{9B}31m"
        #expect(TerminalText.neutralised(hostile) == #"Release \x1b]0;pwned\x074.2\x1b[2J\x0d\x9b31m"#)
        #expect(TerminalText.neutralised("two\nlines\tand a tab") == #"two\x0alines"# + "\tand a tab")
        #expect(TerminalText.neutralised("two\nlines", keepingNewlines: true) == "two\nlines")
        var report = try Scenarios.configured()
        report.environments[0].commit?.summary = hostile
        report.environments[0].remarks = ["note with \u{1B}[31mred\u{1B}[0m"]
        for color in [false, true] {
            let text = ReportRenderer(format: .text, color: color).render(report)
            // Colour codes the renderer adds are the only escapes left.
            let escapes = text.components(separatedBy: "\u{1B}[").dropFirst().map { $0.prefix { $0 != "m" } }
            #expect(escapes.allSatisfy { ["0", "1", "2", "31", "32", "33", "36"].contains(String($0)) }, "\(escapes)")
            #expect(!text.contains("\u{1B}]") && !text.contains("\u{07}") && !text.contains("\r") && !text.contains("\u{9B}"))
            #expect(text.contains(#"\x1b]0;pwned"#))
        }
    }
}

extension Scenarios {
    /// Revision B running, live matching it: a pass that found nothing to do.
    static func inSyncOutcome() throws -> ReconcileOutcome {
        let desired = try master.prepare(try master.render(filesB), revision: revisionB)
        let live = ScenarioBuilder.live(desired)
        let diff = try master.diff(desired: desired, live: live, revision: revisionB)
        let health = EnvironmentHealth(identities: diff.objects.map(\.identity),
                                       live: Dictionary(live.compactMap { object in ObjectIdentity(of: object).map { ($0, object) } }, uniquingKeysWith: { a, _ in a }),
                                       checks: .builtIn)
        return ReconcileOutcome(environment: "master", targetRevision: revisionB, revision: revisionB,
                                decision: .upToDate(revision: revisionB), diff: diff, health: health, message: "Synced to b7e1f00")
    }
}
