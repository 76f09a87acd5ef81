import Foundation
import Manifests
import Reconciler
import Reports

/// One thing worth telling people about an environment, as every message type renders it: the
/// same facts for Slack, Discord, Teams, the webhook, commit statuses and users' templates.
/// Built from a reconcile's outcome (`NotificationEvent+Outcome`); its texts are scrubbed of
/// Secret values, and its report is the masked one reports print.
public struct NotificationEvent: Sendable {
    public var kind: NotificationEventKind
    public var environment: String
    /// The commit the event is about (the bad one for an auto-rollback).
    public var revision: String
    /// The revision deployed before, when known.
    public var previousRevision: String?
    public var commit: CommitInfo?
    public var operation: SyncOperation?
    /// The environment's health after what happened.
    public var health: HealthStatus
    public var counts: Counts
    /// The objects that are not Healthy or failed to apply, worst first, with why.
    public var failing: [FailingObject]
    /// For rollbacks: the revision left and the one whose state came back.
    public var rolledBackFrom: String?
    public var rolledBackTo: String?
    /// What happened in one line: `sync of 1a2b3c4 failed: Degraded: Deployment.apps web/django: …`.
    public var summary: String
    /// Anything else the reader must know (remarks), one line each.
    public var details: [String]
    public var links: Links
    public var time: Date
    /// The reconcile's report in Reports' versioned JSON (the webhook's body), Secrets masked
    /// and scrubbed.
    public var report: JSON

    public struct Counts: Sendable, Equatable {
        public var created = 0, configured = 0, pruned = 0, failed = 0, outOfSync = 0
        public init(created: Int = 0, configured: Int = 0, pruned: Int = 0, failed: Int = 0, outOfSync: Int = 0) {
            self.created = created
            self.configured = configured
            self.pruned = pruned
            self.failed = failed
            self.outOfSync = outOfSync
        }
    }

    public struct FailingObject: Sendable, Equatable {
        /// `Deployment.apps django-master/django-admin`
        public var object: String
        public var status: String
        public var message: String
    }

    /// URLs rendered from the `links:` templates, when configured.
    public struct Links: Sendable, Equatable {
        public var commit: String?
        public var dashboard: String?
        public init(commit: String? = nil, dashboard: String? = nil) {
            self.commit = commit
            self.dashboard = dashboard
        }
    }

    public var shortRevision: String { String(revision.prefix(7)) }

    /// The heading every message type starts with: `master: sync of 1a2b3c4 failed`.
    public var title: String {
        let revision = shortRevision
        switch kind {
        case .syncSucceeded: return "\(environment): synced to \(revision), Healthy"
        case .syncFailed: return "\(environment): sync of \(revision) failed"
        case .healthDegraded: return "\(environment) is Degraded at \(revision)"
        case .healthRecovered: return "\(environment) is Healthy again at \(revision)"
        case .rollback: return "\(environment): rolled back to the state of \((rolledBackTo ?? previousRevision ?? revision).prefix(7)) by \(revision)"
        case .autoRollback: return "\(environment): \(revision) was rolled back to \((rolledBackTo ?? "?").prefix(7))"
        case .driftDetected: return "\(environment) drifted from \(revision)"
        case .selfHealed: return "\(environment): drift healed at \(revision)"
        case .pruneBlocked: return "\(environment): prune blocked at \(revision)"
        case .conflict: return "\(environment): objects in conflict at \(revision)"
        case .interrupted: return "\(environment): sync of \(revision) interrupted"
        }
    }

    /// Green, red or yellow in chat; `success`, `failure` or `pending` on a commit.
    public var tone: EventTone { EventTone(kind) }
}

/// The colour a message carries, for people to scan a channel.
public enum EventTone: String, Sendable {
    case success, failure, warning

    public init(_ kind: NotificationEventKind) {
        switch kind {
        case .syncSucceeded, .healthRecovered, .selfHealed: self = .success
        case .syncFailed, .healthDegraded, .autoRollback, .conflict, .interrupted: self = .failure
        case .rollback, .driftDetected, .pruneBlocked: self = .warning
        }
    }

    /// `#2EB67D` green, `#E01E5A` red, `#ECB22E` yellow (Slack's own palette).
    public var hex: String {
        switch self {
        case .success: return "#2EB67D"
        case .failure: return "#E01E5A"
        case .warning: return "#ECB22E"
        }
    }

    /// The same colour as Discord's integer.
    public var rgb: Int { Int(hex.dropFirst(), radix: 16)! }
}
