import Foundation
import Reconciler

/// Status as a badge: an icon and a word in the status's colour, never colour alone. The icon is
/// decoration (`aria-hidden`); the word is what a screen reader says.
enum Badge {
    static func health(_ status: HealthStatus) -> String {
        let (icon, tone): (String, String)
        switch status {
        case .healthy: (icon, tone) = ("✔", "ok")
        case .progressing: (icon, tone) = ("◔", "warn")
        case .suspended: (icon, tone) = ("⏸", "warn")
        case .degraded: (icon, tone) = ("✖", "bad")
        case .missing: (icon, tone) = ("∅", "bad")
        case .unknown: (icon, tone) = ("?", "muted")
        }
        return badge(icon: icon, tone: tone, text: status.rawValue, kind: "health")
    }

    static func sync(_ state: EnvironmentSnapshot.SyncState) -> String {
        switch state {
        case .synced: return badge(icon: "✔", tone: "ok", text: "Synced", kind: "sync")
        case .outOfSync: return badge(icon: "⚠", tone: "warn", text: "OutOfSync", kind: "sync")
        case .unknown: return badge(icon: "?", tone: "muted", text: "Unknown", kind: "sync")
        }
    }

    static func result(_ result: OperationResult) -> String {
        result == .succeeded ? badge(icon: "✔", tone: "ok", text: "Succeeded", kind: "result")
            : badge(icon: "✖", tone: "bad", text: "Failed", kind: "result")
    }

    static func operation(_ operation: SyncOperation) -> String {
        switch operation {
        case .sync: return badge(icon: "⟳", tone: "info", text: "sync", kind: "operation")
        case .rollback: return badge(icon: "↶", tone: "warn", text: "rollback", kind: "operation")
        case .autoRollback: return badge(icon: "↶", tone: "bad", text: "auto-rollback", kind: "operation")
        case .selfHeal: return badge(icon: "✚", tone: "info", text: "self-heal", kind: "operation")
        case .prune: return badge(icon: "✂", tone: "info", text: "prune", kind: "operation")
        }
    }

    static func badge(icon: String, tone: String, text: String, kind: String) -> String {
        "<span class=\"badge \(tone)\" data-\(kind)=\"\(h(text))\"><span aria-hidden=\"true\">\(icon)</span> \(h(text))</span>"
    }

    /// `3 minutes ago`, with the exact UTC time in a `<time>` element.
    static func age(_ date: Date, now: Date = Date()) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        let text: String
        switch seconds {
        case ..<60: text = "\(seconds) s ago"
        case ..<3600: text = "\(seconds / 60) min ago"
        case ..<86_400: text = "\(seconds / 3600) h ago"
        default: text = "\(seconds / 86_400) d ago"
        }
        let exact = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
        return "<time datetime=\"\(exact)\" title=\"\(exact)\">\(text)</time>"
    }
}
