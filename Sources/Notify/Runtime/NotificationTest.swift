import Foundation
import Reconciler
import Reports

/// `mooring notify test --target NAME`: one sample event to one target, one attempt, and the
/// receiver's answer as it came.
public enum NotificationTest {
    /// A `sync-succeeded` of `commit` in `environment`, saying it is a test.
    public static func sampleEvent(environment: String, commit: RevisionFacts, links: NotificationLinks) throws -> NotificationEvent {
        let report = Report(kind: .sync, title: "Mooring notification test: \(environment)",
                            environments: [EnvironmentReport(environment: environment, revision: commit.revision, commit: CommitInfo(commit),
                                                             operation: .sync, applied: false, objects: [], health: .healthy)])
        let links = try LinkTemplates(links).render(environment: environment, revision: commit.revision)
        return NotificationEvent(kind: .syncSucceeded, environment: environment, revision: commit.revision, previousRevision: nil,
                                 commit: CommitInfo(commit), operation: .sync, health: .healthy, counts: .init(), failing: [],
                                 rolledBackFrom: nil, rolledBackTo: nil,
                                 summary: "A test notification from mooring notify test: nothing was applied.",
                                 details: [], links: links, time: Date(), report: JSONReportEncoder().encode(report))
    }

    /// Sends `event` to `target` once and returns what it answered; throws when no answer came.
    public static func send(_ event: NotificationEvent, to target: ResolvedTarget, timeout: Duration = .seconds(10)) async throws -> DeliveryAnswer {
        guard let request = target.request(for: event) else {
            throw NotifyError.missingSecret(target: target.name, what: "message for \(event.kind.rawValue)")
        }
        return try await HTTPDelivery().send(request, timeout: timeout)
    }
}
