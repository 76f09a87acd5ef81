import Reconciler

/// A self-contained page a reviewer can open or a CI can archive: inline CSS, no scripts, no
/// external assets, every piece of text HTML-escaped. Per environment: facts, a summary table
/// with a row per object, then each object's diff.
public struct HTMLRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        var body = ["<h1>\(e(report.title))</h1>"]
        for environment in report.environments { body.append(render(environment)) }
        return page(title: report.title, body: body)
    }

    /// One environment's section, for pages that embed reports (the dashboard): facts,
    /// summary table, each object's diff, policy notes. Style it with `HTMLStylesheet.css`.
    public func render(_ environment: EnvironmentReport) -> String {
        var parts = ["<section class=\"environment\" id=\"env-\(e(environment.environment))\">",
                     "<h2>\(e(ReportWording.heading(environment))) <small>(\(e(ReportWording.mode(environment))))</small></h2>"]
        var facts: [(String, String)] = [("Revision", "<code>\(e(environment.revision))</code>")]
        if let commit = environment.commit { facts.append(("Commit", e(ReportWording.commit(commit)))) }
        if let previous = environment.previousRevision { facts.append(("Previous", "<code>\(e(previous))</code>")) }
        if let context = environment.context { facts.append(("Context", e(context.sentence))) }
        if let health = environment.health { facts.append(("Health", "<span class=\"health-\(health.rawValue.lowercased())\">\(e(health.rawValue))</span>")) }
        facts.append(("Summary", e(environment.summaryLine)))
        for remark in environment.remarks { facts.append(("Note", e(remark))) }
        parts.append("<dl class=\"facts\">" + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>")

        if !environment.hasChanges { parts.append("<p class=\"no-changes\">\(e(environment.summaryLine)).</p>") }
        if !environment.objects.isEmpty {
            var table = ["<table class=\"summary\">", "<thead><tr><th>Action</th><th>Object</th><th>Changes</th><th>Health</th></tr></thead>", "<tbody>"]
            for object in environment.objects {
                let name = !object.hasDiff ? "<code>\(e(object.name))</code>" : "<a href=\"#\(e(environment.environment))-\(object.anchor)\"><code>\(e(object.name))</code></a>"
                let health = object.health.map { "<span class=\"health-\($0.status.rawValue.lowercased())\">\(e(ReportWording.health($0)))</span>" } ?? ""
                table.append("<tr data-action=\"\(object.action.rawValue)\"><td class=\"action \(object.action.rawValue)\">\(e(object.action.title(applied: environment.applied)))</td>"
                    + "<td>\(name)</td><td>\(object.changes.isEmpty ? "" : String(object.changes.count))</td>"
                    + "<td>\(health)</td></tr>")
            }
            table += ["</tbody>", "</table>"]
            parts.append(table.joined(separator: "\n"))
        }
        for object in environment.objects where object.hasDiff || object.message != nil {
            parts.append(render(object, environment: environment))
        }
        if !environment.hooks.isEmpty {
            var table = ["<h3>Hooks</h3>", "<table class=\"hooks\">",
                         "<thead><tr><th>Phase</th><th>Object</th><th>Result</th><th>Duration</th><th>Message</th></tr></thead>", "<tbody>"]
            for hook in environment.hooks {
                let line = ReportWording.hookLine(hook)
                table.append("<tr data-result=\"\(e(hook.status.rawValue))\"><td>\(e(line.phase))</td><td><code>\(e(line.object))</code></td>"
                    + "<td class=\"\(hook.status.isFailure ? "failed" : "")\">\(e(line.result))</td><td>\(e(line.duration))</td><td>\(e(line.message))</td></tr>")
            }
            table += ["</tbody>", "</table>"]
            parts.append(table.joined(separator: "\n"))
        }
        if !environment.notes.isEmpty {
            parts.append("<h3>Policy notes</h3>")
            parts.append("<ul class=\"notes\">" + environment.notes.map { note in
                "<li><span class=\"\(note.severity.rawValue)\">\(note.severity.rawValue)</span> <code>\(e(note.rule.rawValue))</code> \(e(note.sentence))</li>"
            }.joined(separator: "\n") + "</ul>")
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    private func render(_ object: ObjectReport, environment: EnvironmentReport) -> String {
        var parts = ["<details open id=\"\(e(environment.environment))-\(object.anchor)\"><summary><span class=\"action \(object.action.rawValue)\">"
            + "\(e(object.action.title(applied: environment.applied)))</span> <code>\(e(object.name))</code></summary>"]
        if let message = object.message { parts.append("<p class=\"message\">\(e(message))</p>") }
        let diff = object.diff
        if !diff.isEmpty {
            let lines = diff.map { "<span class=\"\($0.kind.rawValue)\">\(e($0.marked))</span>" }
            parts.append("<pre class=\"diff\">" + lines.joined() + "</pre>")
        }
        parts.append("</details>")
        return parts.joined(separator: "\n")
    }

    public func render(_ history: HistoryReport) -> String {
        let title = "History of \(history.environment)"
        var body = ["<h1>\(e(title))</h1>"]
        if history.entries.isEmpty {
            body.append("<p>No operations recorded.</p>")
        } else {
            var table = ["<table class=\"history\">",
                         "<thead><tr><th>#</th><th>Time</th><th>Operation</th><th>Revision</th><th>Author</th><th>Result</th><th>Health</th><th>Changes</th><th>Details</th></tr></thead>",
                         "<tbody>"]
            for entry in history.entries {
                let details = ([rollbackLinks(entry)] + [entry.commit?.summary, entry.message.isEmpty ? nil : entry.message].map { $0.map(e) })
                    .compactMap { $0 }.joined(separator: "<br>")
                let resultClass = entry.result == .succeeded ? "create" : "failed"
                table.append("<tr id=\"op-\(entry.id)\"><td>\(entry.id)</td><td class=\"nowrap\">\(e(ReportWording.time(entry.time)))</td><td class=\"nowrap\">\(e(entry.operation.rawValue))</td>"
                    + "<td><code>\(e(ReportWording.short(entry.revision)))</code></td><td>\(e(entry.commit?.author ?? ""))</td>"
                    + "<td class=\"\(resultClass)\">\(e(entry.result.rawValue))</td><td class=\"health-\(entry.health.rawValue.lowercased())\">\(e(entry.health.rawValue))</td>"
                    + "<td>\(e(ReportWording.counts(created: entry.created, configured: entry.configured, pruned: entry.pruned)))</td>"
                    + "<td>\(details)</td></tr>")
            }
            table += ["</tbody>", "</table>"]
            body.append(table.joined(separator: "\n"))
        }
        body += history.remarks.map { "<p>\(e($0))</p>" }
        return page(title: title, body: body)
    }

    /// `rolled back from <a href="#op-2">b7e1f00 (#2)</a> to <a href="#op-1">a1b2c3d (#1)</a>`
    private func rollbackLinks(_ entry: HistoryEntry) -> String? {
        guard case .rollback(let from, let to, let reason)? = entry.rollback else { return nil }
        func revision(_ revision: String, _ operation: Int?) -> String {
            let text = e(ReportWording.short(revision))
            guard let operation else { return "<code>\(text)</code>" }
            return "<a href=\"#op-\(operation)\"><code>\(text)</code> (#\(operation))</a>"
        }
        var html = "rolled back from " + revision(from, entry.rolledBackFromOperation)
        if let to { html += " to " + revision(to, entry.rolledBackToOperation) }
        return reason.isEmpty ? html : "\(html) (\(e(reason)))"
    }

    private func page(title: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        \(HTMLStylesheet.css)
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    private func e(_ text: String) -> String { HTMLEscaping.escape(text) }
}
