import Foundation
import Reconciler

/// Phrases every renderer shares, so the four formats say the same thing in the same words.
enum ReportWording {
    /// `2026-11-26T08:42:40Z`
    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    static func short(_ revision: String) -> String { String(revision.prefix(7)) }

    /// `1a2b3c4 by Ada Lovelace: Bump the image` (what is known of it).
    static func commit(_ commit: CommitInfo) -> String {
        var text = commit.shortID
        if let author = commit.author { text += " by \(author)" }
        if let summary = commit.summary { text += ": \(summary)" }
        return text
    }

    /// `Healthy`, `Degraded: container web: ImagePullBackOff`
    static func health(_ health: HealthAssessment) -> String { health.description }

    /// `master @ 1a2b3c4`
    static func heading(_ environment: EnvironmentReport) -> String {
        "\(environment.environment) @ \(short(environment.revision))"
    }

    /// `sync, applied`, `rollback, dry run`, `in sync`, `drift, nothing applied`, `preview, nothing applied`
    static func mode(_ environment: EnvironmentReport) -> String {
        guard let operation = environment.operation else {
            guard environment.observed else { return "preview, nothing applied" }
            return environment.hasChanges ? "drift, nothing applied" : "in sync"
        }
        return environment.applied ? "\(operation.rawValue), applied" : "\(operation.rawValue), dry run"
    }

    /// `3 created, 1 configured, 0 pruned` for a history entry.
    static func counts(created: Int, configured: Int, pruned: Int) -> String {
        "\(created) created, \(configured) configured, \(pruned) pruned"
    }

    /// `PostSync  Job.batch web/smoke-test  Failed  12s  BackoffLimitExceeded: …`: a hook's
    /// result, duration and why, for every format's hooks section.
    static func hookLine(_ hook: HookResult) -> (phase: String, object: String, result: String, duration: String, message: String) {
        let duration = hook.status == .notRun ? "" : HookResult.formatted(hook.duration)
        return (hook.phase.rawValue, hook.identity.description, hook.status.rawValue + (hook.deleted ? " (deleted)" : ""),
                duration, hook.message)
    }
}
