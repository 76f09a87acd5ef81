import Foundation
import Reconciler
import Reports
import Testing

/// `mooring status`'s table: kubectl-like columns, ages, and an environment that failed.
@Suite struct StatusTableTests {
    @Test func rowsAgesAndErrors() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let record = HistoryRecord(revision: "1a2b3c4d5e", time: now.addingTimeInterval(-300), operation: .sync,
                                   result: .succeeded, health: .healthy)
        let rows: [(environment: String, status: Result<EnvironmentStatus, ReconcileError>)] = [
            ("develop", .success(EnvironmentStatus(environment: "develop", revision: "1a2b3c4d5e", synced: true, health: .healthy,
                                                   lastOperation: record))),
            ("master", .success(EnvironmentStatus(environment: "master", revision: nil, synced: nil, health: .missing, lastOperation: nil))),
            ("prod", .failure(.cluster("cluster local is unreachable"))),
        ]
        #expect(StatusTable.render(rows, now: now) == """
            ENVIRONMENT   REVISION   SYNC      HEALTH    LAST OPERATION                        WHEN
            develop       1a2b3c4    Synced    Healthy   sync Succeeded                        5m ago
            master        -          Unknown   Missing   -                                     -
            prod          -          Unknown   Unknown   error: cluster local is unreachable   -
            """)
        #expect(StatusTable.age(of: now.addingTimeInterval(-90), now: now) == "90s ago")
        #expect(StatusTable.age(of: now.addingTimeInterval(-3 * 86400), now: now) == "3d ago")
    }

    /// The exit code: 0 only when every environment is Synced and Healthy at its ref with a last
    /// operation that Succeeded; 1 for anything to look at; 2 when one could not be read.
    @Test func verdictIsTheWorstEnvironments() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func row(_ result: OperationResult = .succeeded, synced: Bool? = true, health: HealthStatus = .healthy,
                 failure: String? = nil) -> Result<EnvironmentStatus, ReconcileError> {
            let record = HistoryRecord(revision: "1a2b3c4d5e", time: now, operation: .sync, result: result, health: health)
            return .success(EnvironmentStatus(environment: "develop", revision: "1a2b3c4d5e", synced: synced, health: health,
                                              lastOperation: record, targetRevision: "1a2b3c4d5e", targetFailure: failure))
        }
        let good = row()
        #expect(StatusVerdict([("develop", good), ("master", good)]) == .inSync)
        #expect(StatusVerdict([]) == .inSync)
        for attention in [row(.failed), row(.running), row(synced: false), row(synced: nil), row(health: .degraded),
                          row(health: .progressing), row(failure: "environments/develop/bad.yaml:6: did not find expected node content")] {
            #expect(StatusVerdict([("develop", good), ("master", attention)]) == .needsAttention)
        }
        let unread: Result<EnvironmentStatus, ReconcileError> = .failure(.cluster("cluster at http://127.0.0.1:1 did not answer within 2 s"))
        #expect(StatusVerdict([("develop", row(.failed)), ("master", unread)]) == .error)
        #expect(StatusVerdict([("develop", unread)]).exitCode == 2)
    }

    @Test func noTrailingSpacesAfterAnEmptyLastCell() {
        #expect(TextTable.render([["KIND", "MESSAGE"], ["ConfigMap", ""]]) == "KIND        MESSAGE\nConfigMap")
    }
}
