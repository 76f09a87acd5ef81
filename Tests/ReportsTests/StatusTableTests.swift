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

    @Test func noTrailingSpacesAfterAnEmptyLastCell() {
        #expect(TextTable.render([["KIND", "MESSAGE"], ["ConfigMap", ""]]) == "KIND        MESSAGE\nConfigMap")
    }
}
