import Foundation
import Reconciler

/// `mooring status`: one row per environment — revision, sync status, health, last operation and
/// how long ago; an environment that could not be read shows its error. Below the table, each
/// environment whose newest revision could not be applied gets a line with its failure:
///
/// ```
/// ENVIRONMENT  REVISION  SYNC       HEALTH   LAST OPERATION   WHEN
/// develop      50a6141   OutOfSync  Healthy  sync Succeeded   2m ago
/// develop: 9f3c2d1 Failed: environments/develop/bad.yaml:6: … (running 50a6141, the last good revision)
/// ```
///
/// A `Running` record nobody works on any more reads `sync Interrupted`, with a line below:
///
/// ```
/// develop: the sync of 9f3c2d1 started 4m ago was interrupted (no process holds its Lease); the next sync or run records it as Failed
/// ```
public enum StatusTable {
    public static func render(_ rows: [(environment: String, status: Result<EnvironmentStatus, ReconcileError>)],
                              now: Date = Date()) -> String {
        var table = [["ENVIRONMENT", "REVISION", "SYNC", "HEALTH", "LAST OPERATION", "WHEN"]]
        var notes: [String] = []
        for (name, result) in rows {
            if case .success(let status) = result, let failure = status.targetFailure {
                let target = status.targetRevision.map { String($0.prefix(7)) } ?? "the newest revision"
                var note = "\(name): \(target) Failed: \(TerminalText.neutralised(failure))"
                if let good = status.lastGood {
                    note += good == status.revision ? " (running \(good.prefix(7)), the last good revision)" : " (last good revision: \(good.prefix(7)))"
                }
                notes.append(note)
            }
            if case .success(let status) = result, status.lastOperationAbandoned, let record = status.lastOperation {
                notes.append("\(name): the \(record.operation.rawValue) of \(record.revision.prefix(7)) started \(age(of: record.time, now: now)) "
                    + "was interrupted (no process holds its Lease); the next sync or run records it as Failed")
            }
            switch result {
            case .success(let status):
                let operation = status.lastOperation.map {
                    "\($0.operation.rawValue) \(status.lastOperationAbandoned ? "Interrupted" : $0.result.rawValue)"
                } ?? "-"
                let when = status.lastOperation.map { age(of: $0.time, now: now) } ?? "-"
                table.append([name, status.revision.map { String($0.prefix(7)) } ?? "-", status.syncStatus,
                              status.health.rawValue, operation, when])
            case .failure(let error):
                table.append([name, "-", "Unknown", "Unknown", "error: \(error)", "-"])
            }
        }
        return ([TextTable.render(table)] + notes).joined(separator: "\n")
    }

    /// "12s ago", "5m ago", "3h ago", "2d ago".
    public static func age(of time: Date, now: Date = Date()) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(time)))
        if seconds < 120 { return "\(seconds)s ago" }
        if seconds < 7200 { return "\(seconds / 60)m ago" }
        if seconds < 172_800 { return "\(seconds / 3600)h ago" }
        return "\(seconds / 86400)d ago"
    }
}
