import Reconciler

/// The terminal view: a header per environment, then a unified-diff-like block per object, then
/// the policy notes. Coloured when told so (a TTY), plain otherwise.
///
/// Without `detailed` (what `run`, `sync` and `rollback` print by default) each object is one
/// line — its action, name and health, and why when it failed or was kept — and the unchanged
/// ones are counted, not named; `--diff` (`-v`) asks for the field diffs and manifests:
///
/// ```
/// == develop @ 50a6141 (sync, applied) ==
/// summary  2 created, 10 unchanged
///   Created ConfigMap django-develop/django-settings  [Healthy]
///   Created Deployment.apps django-develop/django-admin  [Healthy]
///   10 unchanged
/// ```
public struct TextRenderer: Sendable {
    public var color: Bool
    /// Field diffs and created objects' manifests (`diff`, or `--diff`); one line per object when off.
    public var detailed: Bool

    public init(color: Bool, detailed: Bool = true) {
        self.color = color
        self.detailed = detailed
    }

    private var style: TerminalStyle { TerminalStyle(enabled: color) }
    /// Unstyled text from commits, files and objects, its control characters neutralised.
    private func plain(_ text: String) -> String { TerminalText.neutralised(text) }

    public func render(_ report: Report) -> String {
        var lines = [style.apply(.bold, report.title)]
        for environment in report.environments {
            lines.append("")
            lines += render(environment)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(_ environment: EnvironmentReport) -> [String] {
        var lines = [style.apply(.bold, "== \(ReportWording.heading(environment)) (\(ReportWording.mode(environment))) ==")]
        if let commit = environment.commit { lines.append("commit   \(plain(ReportWording.commit(commit)))") }
        if let previous = environment.previousRevision { lines.append("previous \(ReportWording.short(previous))") }
        if let context = environment.context { lines.append("context  \(plain(context.sentence))") }
        if let health = environment.health { lines.append("health   \(health.rawValue)") }
        lines.append("summary  \(plain(environment.summaryLine))")
        for remark in environment.remarks { lines.append("note     \(plain("\(remark)"))") }

        let unchanged = environment.objects.filter { $0.action == .unchanged }
        if !detailed {
            for object in environment.objects where object.action != .unchanged {
                lines += summary(of: object, applied: environment.applied)
            }
            if !unchanged.isEmpty { lines.append(style.apply(.dim, "  \(unchanged.count) unchanged")) }
        }
        for object in environment.objects where object.action != .unchanged && detailed {
            lines.append("")
            lines += render(object, applied: environment.applied)
        }
        if !unchanged.isEmpty && detailed {
            lines.append("")
            lines.append(style.apply(.dim, "\(unchanged.count) unchanged: " + unchanged.map(\.name).joined(separator: ", ")))
        }
        if !environment.hooks.isEmpty {
            lines.append("")
            lines.append(style.apply(.bold, "Hooks"))
            for hook in environment.hooks {
                let line = ReportWording.hookLine(hook)
                let result = hook.status.isFailure ? style.apply(.red, line.result) : line.result
                lines.append("\(line.phase.padding(toLength: 9, withPad: " ", startingAt: 0)) \(line.object)  \(result)"
                             + (line.duration.isEmpty ? "" : "  \(line.duration)") + (line.message.isEmpty ? "" : "  \(line.message)"))
            }
        }
        if !environment.notes.isEmpty {
            lines.append("")
            lines.append(style.apply(.bold, "Policy notes"))
            for note in environment.notes {
                let mark = note.severity == .warning ? style.apply(.yellow, "!") : style.apply(.cyan, "i")
                lines.append("\(mark) [\(note.rule.rawValue)] \(plain(note.sentence))")
            }
        }
        return lines
    }

    /// `  Created ConfigMap web/settings  [Healthy]` (the words of the detailed view's headers, so
    /// a script greps the same line either way), and the reason under a failed, conflicting or
    /// kept object.
    private func summary(of object: ObjectReport, applied: Bool) -> [String] {
        let title = style.apply(style.tone(for: object.action), object.action.title(applied: applied))
        var line = "  \(title) \(plain(object.name))"
        if let health = object.health { line += "  [\(plain(ReportWording.health(health)))]" }
        var lines = [line]
        if let message = object.message, object.action.isProblem || object.action == .kept {
            lines.append("      \(plain(message))")
        }
        return lines
    }

    private func render(_ object: ObjectReport, applied: Bool) -> [String] {
        let title = style.apply(style.tone(for: object.action), object.action.title(applied: applied))
        var header = "\(title) \(style.apply(.bold, object.name))"
        if let health = object.health { header += "  [\(ReportWording.health(health))]" }
        var lines = [header]
        if let message = object.message { lines.append("    \(plain(message))") }
        for line in object.diff {
            let text = "    " + plain(line.marked)
            lines.append(style.tone(for: line.kind).map { style.apply($0, text) } ?? text)
        }
        return lines
    }

    public func render(_ history: HistoryReport) -> String {
        var lines = [style.apply(.bold, "History of \(history.environment)")]
        if history.entries.isEmpty { lines.append("No operations recorded.") }
        for entry in history.entries {
            let result = style.apply(entry.result == .succeeded ? .green : .red, entry.result.rawValue)
            var line = "#\(entry.id)  \(ReportWording.time(entry.time))  \(entry.operation.rawValue)  "
            line += "\(ReportWording.short(entry.revision))  \(result)  \(entry.health.rawValue)  "
            line += ReportWording.counts(created: entry.created, configured: entry.configured, pruned: entry.pruned)
            lines.append(line)
            if let commit = entry.commit { lines.append("    commit \(plain(ReportWording.commit(commit)))") }
            if let rollback = entry.rollbackSentence { lines.append("    " + style.apply(.cyan, rollback)) }
            if !entry.message.isEmpty { lines.append("    \(plain(entry.message))") }
        }
        for remark in history.remarks { lines.append("note: \(plain("\(remark)"))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
