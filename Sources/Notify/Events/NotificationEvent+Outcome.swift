import Foundation
import Reconciler
import Reports

extension NotificationEvent {
    /// The event `derived` names, with its facts taken from `outcome` (the auto-rollback's part
    /// for `auto-rollback`). Texts pass through `scrubber`, so no Secret value of the revision
    /// reaches a message even through an API server's error text.
    public init(_ derived: NotificationPolicy.Derived, outcome: ReconcileOutcome, links: LinkTemplates = LinkTemplates(),
                scrubber: SecretScrubber, time: Date = Date()) {
        let changes = derived.aboutAutoRollback ? outcome.autoRollback : outcome.changeSet
        let record = derived.aboutAutoRollback ? outcome.autoRollbackRecord : outcome.record
        let remarks = derived.aboutAutoRollback ? outcome.autoRollbackRemarks : outcome.remarks
        // A completed `Running` record is about the revision the killed process was applying.
        let leftRunning = derived.kind == .interrupted ? outcome.interruptedOperations.first : nil
        let revision = derived.aboutAutoRollback ? (record?.rolledBackFrom ?? outcome.targetRevision)
            : (leftRunning?.revision ?? changes?.revision ?? outcome.diff.revision)
        let health = changes?.health ?? outcome.health

        self.kind = derived.kind
        self.environment = outcome.environment
        self.revision = revision
        self.previousRevision = derived.aboutAutoRollback ? nil : (record?.previousRevision ?? outcome.previousRevision)
        self.commit = outcome.commits[revision].map(CommitInfo.init).map { scrubber.scrub($0) }
        self.operation = leftRunning?.operation ?? changes?.operation
        self.health = health.status
        self.counts = Counts(created: changes?.count(.created) ?? 0, configured: changes?.count(.configured) ?? 0,
                             pruned: changes?.count(.pruned) ?? 0, failed: changes?.count(.failed) ?? 0,
                             outOfSync: outcome.diff.outOfSync.count)
        // A failed hook is the reason first: an auto-rollback's own change set ran none, so its
        // hooks are the sync's that it undid.
        let hooks = (derived.aboutAutoRollback ? outcome.changeSet?.hooks : changes?.hooks) ?? []
        var failing = hooks.filter(\.status.isFailure).map {
            FailingObject(object: $0.identity.description, status: "\($0.phase.rawValue) hook \($0.status.rawValue)",
                          message: scrubber.scrub($0.message))
        }
        failing += (changes?.entries(.failed) ?? []).map {
            FailingObject(object: $0.identity.description, status: "Failed", message: scrubber.scrub($0.message ?? ""))
        }
        if derived.kind == .conflict {
            failing += outcome.diff.conflicts.map {
                FailingObject(object: $0.identity.description, status: "Conflict", message: scrubber.scrub($0.conflict?.description ?? ""))
            }
        }
        if health.status != .healthy {
            failing += health.worst.map {
                FailingObject(object: $0.identity.description, status: $0.health.status.rawValue, message: scrubber.scrub($0.health.message))
            }
        }
        self.failing = failing
        self.rolledBackFrom = record?.rolledBackFrom ?? outcome.rollback?.from
        self.rolledBackTo = record?.rolledBackTo ?? outcome.rollback?.to
        self.details = remarks.map { scrubber.scrub($0.description) }
        self.time = time
        let report = Report(kind: .sync, title: "Mooring \(derived.kind.rawValue): \(outcome.environment)",
                            environments: EnvironmentReport.parts(of: outcome))
        self.report = scrubber.scrub(JSONReportEncoder().encode(report))
        self.summary = ""
        self.links = Links()
        self.summary = scrubber.scrub(Self.summary(of: self, outcome: outcome))
        self.links = links.render(environment: outcome.environment, revision: revision)
    }

    /// The one line under the title: what happened and, for bad news, the first reason.
    static func summary(of event: NotificationEvent, outcome: ReconcileOutcome) -> String {
        let reason = event.failing.first.map { "\($0.status): \($0.object): \($0.message)" }
        switch event.kind {
        case .syncSucceeded, .selfHealed, .rollback:
            let counts = event.counts
            var text = "\(counts.created) created, \(counts.configured) configured, \(counts.pruned) pruned; \(event.health.rawValue)"
            if event.kind == .rollback, let from = event.rolledBackFrom { text = "reverts \(from.prefix(7)): " + text }
            return text
        case .interrupted:
            if let leftRunning = outcome.interruptedOperations.first {
                return "\(leftRunning); the environment was completed by the next reconcile"
            }
            let reason = outcome.changeSet?.entries.lazy.compactMap { entry -> String? in
                if case .interrupted(let why)? = entry.keepReason { return why }
                return nil
            }.first
            return reason.map { "stopped before pruning: \($0)" } ?? "stopped part-way"
        case .syncFailed, .healthDegraded, .conflict:
            return reason ?? event.details.first ?? outcome.message
        case .autoRollback:
            let back = "Degraded, rolled back to \((event.rolledBackTo ?? "?").prefix(7)); now \(event.health.rawValue)"
            return reason.map { "\(back). Was: \($0)" } ?? back
        case .healthRecovered:
            return "every object is Healthy"
        case .driftDetected:
            let objects = outcome.diff.outOfSync.prefix(3).map(\.identity.description).joined(separator: ", ")
            let more = outcome.diff.outOfSync.count > 3 ? " and \(outcome.diff.outOfSync.count - 3) more" : ""
            return "\(event.counts.outOfSync) object(s) differ from git: \(objects)\(more)"
        case .pruneBlocked:
            let skipped = outcome.remarks.first { if case .pruneSkipped = $0 { true } else { false } }
            let kept = outcome.changeSet?.entries.lazy.compactMap { entry -> String? in
                switch entry.keepReason {
                case .pruneBlocked(let block)? where block != .disabled: return "nothing pruned: \(block)"
                case .namespaceHolds(let why)?: return "\(entry.identity) not pruned: \(why)"
                default: return nil
                }
            }.first
            return skipped?.description ?? kept ?? "nothing pruned"
        }
    }
}
