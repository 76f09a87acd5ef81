import Reconciler

/// Which events a reconcile's outcome is worth, given what was told before: the one place that
/// decides "once per change of state". Pure: an outcome and a memory in, events and the new
/// memory out.
///
/// The rules:
/// - An apply tells how it ended once per revision and result: `sync-succeeded` (or `rollback`
///   for a revert, `self-healed` for a self-heal), `sync-failed` (a retry that fails again says
///   nothing), then `auto-rollback` when mooring rolled the revision back.
/// - Health tells its changes between Healthy and Degraded (`health-degraded`,
///   `health-recovered`) that no apply event of the same pass already reports; Progressing,
///   Missing and the like change nothing.
/// - Drift tells when it appears at a revision (`drift-detected`), not while it lasts; it is
///   forgotten once live matches again, so the next drift is news.
/// - A blocked prune tells once per revision (`prune-blocked`): an empty revision, an incomplete
///   listing, a Namespace holding objects mooring does not track.
/// - A sync that stopped part-way (the environment's Lease was lost) tells `interrupted`, and so
///   does a `Running` record a reconciler found and completed (a `kill -9`'d process's): that
///   record's id counts among the outcome's, so a replayed outcome tells it no second time.
/// - Objects in conflict (declared here, owned by someone else) tell when one not told before
///   appears (`conflict`); the set is forgotten as conflicts are resolved.
/// - An outcome whose history records were already handled tells nothing (seen twice, replayed).
///
public enum NotificationPolicy {
    /// An event to send, and which part of the outcome it is about.
    public struct Derived: Sendable, Equatable {
        public var kind: NotificationEventKind
        /// The auto-rollback's part (`autoRollback`, its record), rather than the sync's.
        public var aboutAutoRollback: Bool

        public init(_ kind: NotificationEventKind, aboutAutoRollback: Bool = false) {
            self.kind = kind
            self.aboutAutoRollback = aboutAutoRollback
        }
    }

    public static func events(for outcome: ReconcileOutcome, remembered: NotificationMemory) -> (events: [Derived], memory: NotificationMemory) {
        if outcome.changeSet?.dryRun == true { return ([], remembered) }
        let records = [outcome.record?.id, outcome.autoRollbackRecord?.id].compactMap { $0 } + outcome.interruptedOperations.map(\.id)
        if let newest = records.max(), let told = remembered.record, newest <= told { return ([], remembered) }

        var memory = remembered
        var events: [Derived] = []
        if let changes = outcome.changeSet, let record = outcome.record {
            events += applyEvents(outcome, changes: changes, record: record, memory: &memory)
        }
        if let record = outcome.autoRollbackRecord, outcome.autoRollback != nil {
            events.append(Derived(.autoRollback, aboutAutoRollback: true))
            memory.applied = .init(revision: record.rolledBackFrom ?? outcome.targetRevision, result: .rolledBack)
        }
        if !outcome.interruptedOperations.isEmpty
            || outcome.changeSet?.entries.contains(where: { if case .interrupted? = $0.keepReason { true } else { false } }) == true {
            events.append(Derived(.interrupted))
        }
        events += pruneEvents(outcome, memory: &memory)
        events += conflictEvents(outcome, memory: &memory)
        events += healthEvents(outcome, alreadyTold: events.map(\.kind), memory: &memory)
        events += driftEvents(outcome, memory: &memory)
        if let newest = records.max() { memory.record = newest }
        return (events, memory)
    }

    /// Whether a commit status should turn `pending` as an apply of `revision` starts: a new
    /// revision, not the retry of one already told to have failed (or a self-heal).
    public static func announcesPending(_ milestone: SyncMilestone, remembered: NotificationMemory) -> Bool {
        guard case let .applying(_, revision, operation) = milestone else { return false }
        guard operation == .sync || operation == .rollback else { return false }
        return remembered.applied?.revision != revision
    }

    private static func applyEvents(_ outcome: ReconcileOutcome, changes: ChangeSet, record: HistoryRecord,
                                    memory: inout NotificationMemory) -> [Derived] {
        let result: NotificationMemory.AppliedResult = record.result == .succeeded ? .succeeded : .failed
        let state = NotificationMemory.Applied(revision: record.revision, result: result)
        if changes.operation == .selfHeal {
            guard result == .succeeded else { return told(.syncFailed, state, &memory) }
            memory.drift = nil
            return [Derived(.selfHealed)]
        }
        if result == .succeeded { memory.drift = nil }
        return told(result == .failed ? .syncFailed : outcome.rollback != nil ? .rollback : .syncSucceeded, state, &memory)
    }

    /// The apply event unless the memory already holds the same revision and result.
    private static func told(_ kind: NotificationEventKind, _ state: NotificationMemory.Applied,
                             _ memory: inout NotificationMemory) -> [Derived] {
        defer { memory.applied = state }
        return memory.applied == state ? [] : [Derived(kind)]
    }

    private static func pruneEvents(_ outcome: ReconcileOutcome, memory: inout NotificationMemory) -> [Derived] {
        guard let changes = outcome.changeSet else { return [] }
        let blocked = outcome.remarks.contains { if case .pruneSkipped = $0 { true } else { false } }
            || changes.entries.contains { entry in
                switch entry.keepReason {
                case .pruneBlocked(let block)?: return block != .disabled
                case .namespaceHolds?: return true
                default: return false
                }
            }
        guard blocked else {
            if outcome.record?.result == .succeeded { memory.pruneBlocked = nil }
            return []
        }
        defer { memory.pruneBlocked = changes.revision }
        return memory.pruneBlocked == changes.revision ? [] : [Derived(.pruneBlocked)]
    }

    private static func conflictEvents(_ outcome: ReconcileOutcome, memory: inout NotificationMemory) -> [Derived] {
        let objects = outcome.diff.conflicts.map(\.identity.description).sorted()
        defer { memory.conflicts = objects }
        return Set(objects).isSubset(of: memory.conflicts) ? [] : [Derived(.conflict)]
    }

    private static func healthEvents(_ outcome: ReconcileOutcome, alreadyTold: [NotificationEventKind],
                                     memory: inout NotificationMemory) -> [Derived] {
        let now = outcome.health.status
        guard now == .healthy || now == .degraded else { return [] }
        let before = memory.health
        memory.health = now
        if now == .degraded, before != .degraded, !alreadyTold.contains(where: { [.syncFailed, .autoRollback].contains($0) }) {
            return [Derived(.healthDegraded)]
        }
        if now == .healthy, before == .degraded,
           !alreadyTold.contains(where: { [.syncSucceeded, .rollback, .selfHealed, .autoRollback].contains($0) }) {
            return [Derived(.healthRecovered)]
        }
        return []
    }

    private static func driftEvents(_ outcome: ReconcileOutcome, memory: inout NotificationMemory) -> [Derived] {
        switch outcome.decision {
        case .reportDrift(let revision, _):
            defer { memory.drift = revision }
            return memory.drift == revision ? [] : [Derived(.driftDetected)]
        case .upToDate:
            memory.drift = nil
            return []
        case .apply, .selfHeal:
            return []
        }
    }
}

extension ReconcileOutcome {
    /// The operations a killed process left `Running`, which this reconcile completed.
    var interruptedOperations: [InterruptedOperation] {
        remarks.compactMap { if case .interrupted(let operation) = $0 { operation } else { nil } }
    }
}
