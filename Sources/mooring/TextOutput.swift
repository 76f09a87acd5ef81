import Foundation
import Manifests
import Reconciler

/// Plain-text rendering of the reconciler's results. Each function turns one result value into
/// lines, so the `Reports` renderers can replace them one by one.
enum TextOutput {
    /// One environment's reconcile: its verdict line, then what changed.
    static func outcome(_ outcome: ReconcileOutcome) -> String {
        var lines = ["\(outcome.environment) @ \(outcome.revision.prefix(7)): \(outcome.isSynced ? "Synced" : "OutOfSync"), \(outcome.health.status) — \(outcome.message)"]
        if let changes = outcome.changeSet { lines += changeSet(changes) }
        if let rollback = outcome.autoRollback { lines.append("  auto-rollback:"); lines += changeSet(rollback).map { "  " + $0 } }
        if outcome.changeSet == nil && !outcome.diff.isSynced { lines += diffLines(outcome.diff) }
        if outcome.health.status != .healthy, !outcome.health.worst.isEmpty { lines.append("  health: \(outcome.health)") }
        return lines.joined(separator: "\n")
    }

    static func failure(environment: String, _ error: ReconcileError) -> String {
        "\(environment): error: \(error)"
    }

    /// Objects created, configured, pruned, failed and kept (unchanged ones are counted only).
    static func changeSet(_ changes: ChangeSet) -> [String] {
        var lines = ["  \(changes)"]
        for entry in changes.entries where entry.action != .unchanged {
            lines.append("  \(entry)")
            for change in entry.changes { lines.append("      \(change)") }
        }
        return lines
    }

    /// `mooring diff`: the environment line, then each object out of sync with its field changes.
    static func diff(_ diff: EnvironmentDiff) -> String {
        ([diff.description] + diffLines(diff)).joined(separator: "\n")
    }

    static func diffLines(_ diff: EnvironmentDiff) -> [String] {
        var lines: [String] = []
        for object in diff.outOfSync {
            lines.append("  \(object.identity): \(object.status)")
            for change in object.changes { lines.append("      \(change)") }
        }
        return lines
    }

    /// `mooring status`: one row per environment.
    static func statusTable(_ rows: [(String, Result<EnvironmentStatus, ReconcileError>)]) -> String {
        var table = [["ENVIRONMENT", "REVISION", "SYNC", "HEALTH", "LAST OPERATION", "WHEN"]]
        for (name, result) in rows {
            switch result {
            case .success(let status):
                let operation = status.lastOperation.map { "\($0.operation.rawValue) \($0.result.rawValue)" } ?? "-"
                let when = status.lastOperation.map { age(of: $0.time) } ?? "-"
                table.append([name, status.revision.map { String($0.prefix(7)) } ?? "-", status.syncStatus,
                              status.health.rawValue, operation, when])
            case .failure(let error):
                table.append([name, "-", "Unknown", "Unknown", "error: \(error)", "-"])
            }
        }
        return columns(table)
    }

    /// `mooring history`: newest first.
    static func history(_ history: History) -> String {
        var table = [["ID", "TIME", "OPERATION", "REVISION", "RESULT", "HEALTH", "CREATED", "CONFIGURED", "PRUNED", "MESSAGE"]]
        for record in history.records.reversed() {
            table.append([String(record.id), record.time.formatted(.iso8601), record.operation.rawValue, String(record.revision.prefix(7)),
                          record.result.rawValue, record.health.rawValue, String(record.created.count),
                          String(record.configured.count), String(record.pruned.count), record.message])
        }
        return columns(table)
    }

    /// "12s ago", "5m ago", "3h ago", "2d ago".
    static func age(of time: Date, now: Date = Date()) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(time)))
        if seconds < 120 { return "\(seconds)s ago" }
        if seconds < 7200 { return "\(seconds / 60)m ago" }
        if seconds < 172_800 { return "\(seconds / 3600)h ago" }
        return "\(seconds / 86400)d ago"
    }

    /// Left-aligned columns separated by three spaces, like kubectl's tables.
    static func columns(_ rows: [[String]]) -> String {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index < widths.count { widths[index] = max(widths[index], cell.count) } else { widths.append(cell.count) }
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "   ")
        }.joined(separator: "\n")
    }
}
