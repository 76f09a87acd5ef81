import Foundation
import Notify
import Reconciler

extension ReconcilerSetup {
    /// The notifier for `notifications:`, `nil` when none are configured; each reconciler's
    /// progress forwards its milestones (commit statuses turn `pending`). Messages that fail are
    /// one line each on stderr.
    func notifier(for reconcilers: inout [EnvironmentReconciler]) throws -> Notifier? {
        guard !configuration.notifications.isEmpty else { return nil }
        let clusters = Dictionary(reconcilers.map { ($0.environment.name, $0.cluster) }, uniquingKeysWith: { first, _ in first })
        let notifier = try Notifier(configuration: configuration, clusters: clusters) { line in
            FileHandle.standardError.write(Data("mooring: \(line)\n".utf8))
        }
        for index in reconcilers.indices {
            reconcilers[index].progress = reconcilers[index].progress.forwarding(milestonesTo: notifier.reached)
        }
        return notifier
    }
}
