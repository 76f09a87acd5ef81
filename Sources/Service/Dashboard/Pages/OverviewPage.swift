import Foundation
import Reports

/// `/`: one card per environment — revision (short id, author, subject, age), sync status,
/// health, last operation and when, drift count, and a rollback marker.
///
/// ```
/// develop   ✔ Synced  ✔ Healthy
/// Revision  1a2b3c4 · Ada · "Bump django to 5.1" · 3 min ago
/// Last      sync #4 Succeeded · 3 min ago
/// Drift     none
/// ```
struct OverviewPage {
    var snapshots: [EnvironmentSnapshot]
    var now = Date()

    func render() -> String {
        var html = "<h1>Environments</h1>\n"
        if snapshots.isEmpty { html += "<p>No environments configured.</p>" }
        html += "<ul class=\"cards\" aria-label=\"Environments\">\n"
        for snapshot in snapshots { html += card(snapshot) }
        html += "</ul>\n"
        return html
    }

    func card(_ snapshot: EnvironmentSnapshot) -> String {
        let name = h(snapshot.name)
        var html = "<li class=\"card\" id=\"env-\(name)\" data-environment=\"\(name)\">"
        html += "<h2><a href=\"/environments/\(q(snapshot.name))\">\(name)</a></h2>"
        html += "<div class=\"badges\">\(Badge.sync(snapshot.sync)) \(Badge.health(snapshot.shownHealth))"
        if snapshot.reconciling { html += " " + Badge.badge(icon: "⟳", tone: "info", text: "Reconciling", kind: "activity") }
        if let marker = snapshot.rollbackMarker { html += " " + Badge.badge(icon: "↶", tone: "warn", text: marker, kind: "rollback") }
        html += "</div><dl class=\"facts\">"
        html += "<dt>Revision</dt><dd>\(revision(snapshot.commit))</dd>"
        html += "<dt>Last operation</dt><dd>\(lastOperation(snapshot))</dd>"
        html += "<dt>Drift</dt><dd data-drift=\"\(snapshot.driftCount)\">"
            + (snapshot.driftCount == 0 ? "none" : "<strong class=\"drifted\">\(snapshot.driftCount) object\(snapshot.driftCount == 1 ? "" : "s")</strong>")
            + "</dd>"
        if let checked = snapshot.checkedAt { html += "<dt>Checked</dt><dd>\(Badge.age(checked, now: now))</dd>" }
        if let error = snapshot.error { html += "<dt>Error</dt><dd class=\"error\">\(h(error))</dd>" }
        html += "</dl></li>\n"
        return html
    }

    func revision(_ commit: CommitInfo?) -> String {
        guard let commit else { return "<span class=\"muted\">not reconciled yet</span>" }
        var parts = ["<code title=\"\(h(commit.id))\">\(h(commit.shortID))</code>"]
        if let author = commit.author { parts.append(h(author)) }
        if let summary = commit.summary { parts.append("“\(h(summary))”") }
        if let time = commit.time { parts.append(Badge.age(time, now: now)) }
        return parts.joined(separator: " · ")
    }

    func lastOperation(_ snapshot: EnvironmentSnapshot) -> String {
        guard let record = snapshot.lastOperation else { return "<span class=\"muted\">none recorded</span>" }
        return "\(Badge.operation(record.operation)) #\(record.id) \(Badge.result(record.result)) · \(Badge.age(record.time, now: now))"
    }
}
