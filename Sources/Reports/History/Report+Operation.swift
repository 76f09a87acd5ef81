import Manifests
import Reconciler

extension Report {
    /// What one recorded operation changed (`mooring history --diff N`): the objects it created,
    /// configured and pruned, as far as the record names them.
    public init(operation record: HistoryRecord, environment: String, commit: CommitInfo? = nil) {
        var objects: [ObjectReport] = []
        var remarks: [String] = []
        let groups: [(ObjectTally, ObjectAction, String)] = [
            (record.created, .create, "created"), (record.configured, .configure, "configured"), (record.pruned, .prune, "pruned"),
        ]
        for (tally, action, word) in groups {
            objects += tally.names.map { ObjectReport(identity: Report.identity(named: $0), action: action) }
            if tally.count > tally.names.count {
                remarks.append("\(tally.count - tally.names.count) more \(word) objects are not named: the history keeps the first \(ObjectTally.nameLimit).")
            }
        }
        if !record.message.isEmpty { remarks.insert(record.message, at: 0) }
        var context: ReportContext?
        if let from = record.rolledBackFrom {
            context = .rollback(from: from, to: record.rolledBackTo ?? record.revision,
                                reason: record.operation == .autoRollback ? "health check failed" : "")
        }
        var report = EnvironmentReport(
            environment: environment, revision: record.revision, previousRevision: record.previousRevision, commit: commit,
            context: context, operation: record.operation, applied: true, objects: objects, health: record.health,
            remarks: ["operation \(record.id) at \(ReportWording.time(record.time)): \(record.result.rawValue)"] + remarks)
        report.hooks = record.hooks
        self.init(kind: .operation, title: "Mooring operation \(record.id) on \(environment)", environments: [report])
    }

    /// What operation `id` of a history changed; `nil` when the history no longer holds it
    /// (only the last `History.limit` are kept).
    public init?(history: History, operation id: Int, commits: [String: CommitInfo] = [:]) {
        guard let record = history.records.first(where: { $0.id == id }) else { return nil }
        self.init(operation: record, environment: history.environment, commit: commits[record.revision])
    }

    /// Reads `Deployment.apps web/django` (how the history names objects) back into an identity.
    static func identity(named name: String) -> ObjectIdentity { ObjectIdentity(described: name) }
}
