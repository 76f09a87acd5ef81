/// The four renderings of a report, as `--format` names them.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case text
    case markdown
    case json
    case html

    /// The usual file extension for `--output`.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        case .json: return "json"
        case .html: return "html"
        }
    }
}

/// The one entry point the CLI needs: renders a report or a history in the chosen format.
public struct ReportRenderer: Sendable {
    public var format: ReportFormat
    /// ANSI colours in text output: on for a TTY, off when piped or with `--no-color`. The caller
    /// decides; other formats ignore it.
    public var color: Bool
    /// Text only: field diffs and manifests per object, or one line each (Markdown, HTML and
    /// JSON always carry them).
    public var detailed: Bool

    public init(format: ReportFormat, color: Bool = false, detailed: Bool = true) {
        self.format = format
        self.color = color
        self.detailed = detailed
    }

    public func render(_ report: Report) -> String {
        switch format {
        case .text: return TextRenderer(color: color, detailed: detailed).render(report)
        case .markdown: return MarkdownRenderer().render(report)
        case .json: return JSONReportEncoder().render(report)
        case .html: return HTMLRenderer().render(report)
        }
    }

    public func render(_ history: HistoryReport) -> String {
        switch format {
        case .text: return TextRenderer(color: color).render(history)
        case .markdown: return MarkdownRenderer().render(history)
        case .json: return JSONReportEncoder().render(history)
        case .html: return HTMLRenderer().render(history)
        }
    }
}
