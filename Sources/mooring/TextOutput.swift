import Foundation
import Reconciler

/// The plain-text lines that are not reports: `mooring status`'s table and the one-line failure of
/// an environment (reports of diffs, syncs and histories are rendered by `Reports`).
enum TextOutput {
    static func failure(environment: String, _ error: ReconcileError) -> String {
        "\(environment): error: \(error)"
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
