import Reconciler

/// A pull-request comment: per environment a summary table, a clear "No changes" line, a
/// collapsible `<details>` per object with its diff, and the policy notes — kept within GitHub's
/// comment limit by leaving out the least important parts, with a note saying what.
public struct MarkdownRenderer: Sendable {
    /// GitHub's limit on a comment body.
    public static let gitHubCommentLimit = 65_536

    public var limit: Int

    public init(limit: Int = MarkdownRenderer.gitHubCommentLimit) { self.limit = limit }

    /// Lengths are counted in UTF-16 code units, never fewer than GitHub's characters.
    static func length(_ text: String) -> Int { text.utf16.count }

    public func render(_ report: Report) -> String {
        for detail in MarkdownDetail.levels {
            let text = render(report, detail: detail)
            if MarkdownRenderer.length(text) <= limit { return text }
        }
        // Cut whole objects: the most shown that still fits, found by bisection.
        let most = report.environments.map(\.objects.count).max() ?? 0
        var low = 0, high = most
        var best = render(report, detail: MarkdownDetail(listUnchanged: false, maxDiffLines: 0, maxObjects: 0, maxNotes: 0))
        while low <= high {
            let middle = (low + high) / 2
            let text = render(report, detail: MarkdownDetail(listUnchanged: false, maxDiffLines: 0, maxObjects: middle, maxNotes: 10))
            if MarkdownRenderer.length(text) <= limit {
                best = text
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return best
    }

    func render(_ report: Report, detail: MarkdownDetail) -> String {
        var omissions = MarkdownOmissions()
        var body: [String] = []
        for environment in report.environments {
            body.append(render(environment, detail: detail, omissions: &omissions))
        }
        var parts = ["## \(MarkdownEscaping.text(report.title))"]
        if !omissions.isEmpty { parts.append(omissions.note(limit: limit)) }
        parts += body
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func render(_ environment: EnvironmentReport, detail: MarkdownDetail, omissions: inout MarkdownOmissions) -> String {
        var parts: [String] = []
        parts.append("### \(MarkdownEscaping.text(environment.environment)) @ `\(ReportWording.short(environment.revision))` "
            + "(\(ReportWording.mode(environment)))")
        var facts: [String] = []
        if let commit = environment.commit { facts.append("**Commit:** \(MarkdownEscaping.text(ReportWording.commit(commit)))") }
        if let previous = environment.previousRevision { facts.append("**Previous:** `\(ReportWording.short(previous))`") }
        if let context = environment.context { facts.append("**Context:** \(MarkdownEscaping.text(context.sentence))") }
        if let health = environment.health { facts.append("**Health:** \(health.rawValue)") }
        facts += environment.remarks.map { "**Note:** \(MarkdownEscaping.text($0))" }
        if !facts.isEmpty { parts.append(facts.map { "- \($0)" }.joined(separator: "\n")) }

        if !environment.hooks.isEmpty { parts.append(hooks(environment)) }
        guard environment.hasChanges else {
            parts.append("**\(environment.summaryLine).**")
            parts.append(contentsOf: notes(environment, detail: detail, omissions: &omissions))
            return parts.joined(separator: "\n\n")
        }
        var table = ["| Action | Objects |", "| --- | ---: |"]
        for (action, count) in environment.tally { table.append("| \(action.title(applied: environment.applied)) | \(count) |") }
        parts.append(table.joined(separator: "\n"))

        let shown = environment.objects.filter { $0.action != .unchanged }
        let limitObjects = detail.maxObjects ?? shown.count
        for object in shown.prefix(limitObjects) {
            parts.append(render(object, applied: environment.applied, detail: detail, omissions: &omissions))
        }
        if shown.count > limitObjects {
            omissions.objects += shown.count - limitObjects
            parts.append("_…and \(shown.count - limitObjects) more changed objects not shown._")
        }
        let unchanged = environment.objects.filter { $0.action == .unchanged }
        if !unchanged.isEmpty {
            if detail.listUnchanged {
                parts.append("**Unchanged (\(unchanged.count)):** " + unchanged.map { "`\($0.name)`" }.joined(separator: ", "))
            } else {
                omissions.unchangedNames += unchanged.count
                parts.append("**Unchanged:** \(unchanged.count) objects.")
            }
        }
        parts.append(contentsOf: notes(environment, detail: detail, omissions: &omissions))
        return parts.joined(separator: "\n\n")
    }

    private func render(_ object: ObjectReport, applied: Bool, detail: MarkdownDetail, omissions: inout MarkdownOmissions) -> String {
        var summary = "<b>\(HTMLEscaping.escape(object.action.title(applied: applied)))</b> <code>\(HTMLEscaping.escape(object.name))</code>"
        if let health = object.health { summary += " — \(HTMLEscaping.escape(health.status.rawValue))" }
        var inside: [String] = []
        if let message = object.message { inside.append(MarkdownEscaping.text(message)) }
        if let health = object.health, !health.message.isEmpty { inside.append("Health: \(MarkdownEscaping.text(ReportWording.health(health)))") }
        let diff = object.diff
        let shown = detail.maxDiffLines.map { Array(diff.prefix($0)) } ?? diff
        if !shown.isEmpty { inside.append(MarkdownEscaping.codeBlock(language: "diff", lines: shown.map(\.marked))) }
        if shown.count < diff.count {
            omissions.diffLines += diff.count - shown.count
            inside.append("_…\(diff.count - shown.count) more diff lines not shown._")
        }
        if inside.isEmpty { return "- \(summary)" }
        return "<details><summary>\(summary)</summary>\n\n" + inside.joined(separator: "\n\n") + "\n\n</details>"
    }

    /// The operation's hooks as a table (a handful per environment: never shortened).
    private func hooks(_ environment: EnvironmentReport) -> String {
        var table = ["| Hook | Object | Result | Duration | Message |", "| --- | --- | --- | ---: | --- |"]
        for hook in environment.hooks {
            let line = ReportWording.hookLine(hook)
            table.append("| \(line.phase) | `\(line.object)` | \(line.result) | \(line.duration) | \(MarkdownEscaping.text(line.message)) |")
        }
        return table.joined(separator: "\n")
    }

    private func notes(_ environment: EnvironmentReport, detail: MarkdownDetail, omissions: inout MarkdownOmissions) -> [String] {
        guard !environment.notes.isEmpty else { return [] }
        let shown = environment.notes.prefix(detail.maxNotes ?? environment.notes.count)
        var lines = shown.map { note in
            let mark = note.severity == .warning ? "⚠️" : "ℹ️"
            return "- \(mark) `\(note.rule.rawValue)` \(MarkdownEscaping.text(note.sentence))"
        }
        if shown.count < environment.notes.count {
            omissions.notes += environment.notes.count - shown.count
            lines.append("- _…and \(environment.notes.count - shown.count) more notes._")
        }
        return ["#### Policy notes", lines.joined(separator: "\n")]
    }

    public func render(_ history: HistoryReport) -> String {
        var parts = ["## History of \(MarkdownEscaping.text(history.environment))"]
        if history.entries.isEmpty {
            parts.append("No operations recorded.")
        } else {
            var table = ["| # | Time | Operation | Revision | Author | Result | Health | Changes | Details |",
                         "| ---: | --- | --- | --- | --- | --- | --- | --- | --- |"]
            for entry in history.entries {
                let author = entry.commit?.author.map(MarkdownEscaping.text) ?? ""
                var details = [entry.rollbackSentence, entry.commit?.summary, entry.message.isEmpty ? nil : entry.message]
                    .compactMap { $0 }.map(MarkdownEscaping.text)
                if details.isEmpty { details = [""] }
                table.append("| \(entry.id) | \(ReportWording.time(entry.time)) | \(entry.operation.rawValue) | "
                    + "`\(ReportWording.short(entry.revision))` | \(author) | \(entry.result.rawValue) | \(entry.health.rawValue) | "
                    + "\(ReportWording.counts(created: entry.created, configured: entry.configured, pruned: entry.pruned)) | "
                    + details.joined(separator: "; ") + " |")
            }
            parts.append(table.joined(separator: "\n"))
        }
        parts += history.remarks.map { "> \(MarkdownEscaping.text($0))" }
        return parts.joined(separator: "\n\n") + "\n"
    }
}
