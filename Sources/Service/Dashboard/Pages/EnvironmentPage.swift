import Foundation
import Manifests
import Reconciler
import Reports

/// `/environments/{name}`: facts and actions, the objects grouped by kind with their health,
/// the drift as the Reports renderer shows it (field diffs, Secrets masked, policy notes), and
/// the history as a timeline whose entries open what they changed.
struct EnvironmentPage {
    var snapshot: EnvironmentSnapshot
    var session: SessionView
    var now = Date()

    func render() -> String {
        let name = h(snapshot.name)
        var html = "<p><a href=\"/\">← Environments</a></p>"
        html += "<h1>\(name) \(Badge.sync(snapshot.sync)) \(Badge.health(snapshot.shownHealth))"
        if snapshot.reconciling { html += " " + Badge.badge(icon: "⟳", tone: "info", text: "Reconciling", kind: "activity") }
        html += "</h1>"
        html += facts()
        if let note = snapshot.actionNote { html += "<p class=\"notice\" role=\"status\">\(h(note))</p>" }
        html += actions()
        let report = snapshot.report
        html += objects(report)
        html += "<section aria-labelledby=\"drift\"><h2 id=\"drift\">Drift</h2>"
        if let report {
            html += report.hasChanges
                ? "<p>Live differs from <code>\(h(ReportWordingShort.short(report.revision)))</code> in \(snapshot.driftCount) object\(snapshot.driftCount == 1 ? "" : "s"):</p>"
                : ""
            html += "<div class=\"report\">" + HTMLRenderer().render(report) + "</div>"
        } else {
            html += "<p class=\"muted\">Not reconciled yet.</p>"
        }
        html += "</section>"
        html += timeline()
        return html
    }

    func facts() -> String {
        var rows: [(String, String)] = [
            ("Ref", "<code>\(h(snapshot.ref ?? "default branch"))</code>"),
            ("Path", "<code>\(h(snapshot.path))</code>"),
            ("Cluster", h(snapshot.cluster)),
        ]
        if let commit = snapshot.commit {
            rows.append(("Revision", OverviewPage(snapshots: [], now: now).revision(commit)))
        }
        if let marker = snapshot.rollbackMarker { rows.append(("Rollback", h(marker))) }
        if let checked = snapshot.checkedAt { rows.append(("Checked", Badge.age(checked, now: now))) }
        if let error = snapshot.error { rows.append(("Error", "<span class=\"error\">\(h(error))</span>")) }
        return "<dl class=\"facts\">" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    func actions() -> String {
        let name = q(snapshot.name)
        var html = "<div class=\"actions\">"
        html += "<a href=\"/preview?environment=\(name)\">Preview a revision</a>"
        if session.canAct {
            html += "<form class=\"inline\" method=\"post\" action=\"/environments/\(name)/sync\">\(session.csrfField)"
                + "<button type=\"submit\" class=\"primary\">Sync now</button></form>"
        }
        html += "</div>"
        return html
    }

    /// The declared and pruned objects, one table per kind.
    func objects(_ report: EnvironmentReport?) -> String {
        var html = "<section aria-labelledby=\"objects\"><h2 id=\"objects\">Objects</h2>"
        guard let report, !report.objects.isEmpty else { return html + "<p class=\"muted\">No objects known yet.</p></section>" }
        var kinds: [String] = []
        var byKind: [String: [ObjectReport]] = [:]
        for object in report.objects.sorted(by: { $0.identity < $1.identity }) {
            let kind = object.identity.groupKind.description
            if byKind[kind] == nil { kinds.append(kind) }
            byKind[kind, default: []].append(object)
        }
        for kind in kinds {
            let objects = byKind[kind] ?? []
            html += "<h3>\(h(kind)) <span class=\"muted\">(\(objects.count))</span></h3>"
            html += "<table class=\"objects\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Sync</th><th scope=\"col\">Health</th><th scope=\"col\">Message</th></tr></thead><tbody>"
            for object in objects {
                let health = snapshot.health(of: object.identity)
                let link = ObjectLink(environment: snapshot.name, identity: object.identity).href
                let shown = (object.identity.namespace.map { "\($0)/" } ?? "") + object.identity.name
                html += "<tr data-object=\"\(h(object.name))\"><td><a href=\"\(link)\"><code>\(h(shown))</code></a></td>"
                html += "<td class=\"action \(object.action.rawValue)\">\(h(object.action.title(applied: false)))</td>"
                html += "<td>\(health.map { Badge.health($0.status) } ?? "")</td>"
                html += "<td>\(h(object.message ?? health?.message ?? ""))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</section>"
    }

    func timeline() -> String {
        var html = "<section aria-labelledby=\"history\"><h2 id=\"history\">History</h2>"
        guard !snapshot.recentOperations.isEmpty else { return html + "<p class=\"muted\">No operations recorded.</p></section>" }
        html += "<ol class=\"timeline\">"
        for record in snapshot.recentOperations {
            var entry = HistoryEntry(record: record, commit: snapshot.commits[record.revision])
            entry.rolledBackFromOperation = snapshot.recentOperations.last { $0.revision == record.rolledBackFrom && $0.id < record.id }?.id
            entry.rolledBackToOperation = snapshot.recentOperations.last { $0.revision == record.rolledBackTo && $0.id < record.id }?.id
            html += "<li class=\"\(record.result == .succeeded ? "succeeded" : "failed")\" id=\"op-\(record.id)\">"
            html += "<strong>#\(record.id)</strong> \(Badge.operation(record.operation)) \(Badge.result(record.result)) \(Badge.health(record.health)) · \(Badge.age(record.time, now: now))<br>"
            html += "<code>\(h(String(record.revision.prefix(7))))</code>"
            if let commit = entry.commit {
                html += " · " + [commit.author, commit.summary.map { "“\($0)”" }].compactMap { $0 }.map(h).joined(separator: " · ")
            }
            if let user = record.requestedBy { html += " · <span data-requested-by=\"\(h(user))\">by <strong>\(h(user))</strong></span>" }
            if let sentence = entry.rollbackSentence { html += "<br>\(h(sentence))" }
            if !record.message.isEmpty { html += "<br><span class=\"muted\">\(h(record.message))</span>" }
            html += "<br><a href=\"/environments/\(q(snapshot.name))/history/\(record.id)\">What #\(record.id) changed</a>"
            if session.canAct, record.result == .succeeded, record.id != snapshot.lastOperation?.id, record.revision != snapshot.commit?.id {
                html += " <form class=\"inline\" method=\"post\" action=\"/environments/\(q(snapshot.name))/rollback\">\(session.csrfField)"
                    + "<input type=\"hidden\" name=\"revision\" value=\"\(h(record.revision))\">"
                    + "<button type=\"submit\" class=\"danger\" aria-label=\"Roll back to #\(record.id) (\(h(String(record.revision.prefix(7)))))\">Roll back to this</button></form>"
            }
            html += "</li>"
        }
        return html + "</ol></section>"
    }
}

/// Short revision ids as the reports write them.
enum ReportWordingShort {
    static func short(_ revision: String) -> String { String(revision.prefix(7)) }
}

/// The address of an object's page: its identity in the query, so any name is safe.
struct ObjectLink {
    var environment: String
    var identity: ObjectIdentity

    var href: String {
        var query = "group=\(q(identity.group))&kind=\(q(identity.kind))&name=\(q(identity.name))"
        if let namespace = identity.namespace { query += "&namespace=\(q(namespace))" }
        return "/environments/\(q(environment))/object?\(query)"
    }
}
