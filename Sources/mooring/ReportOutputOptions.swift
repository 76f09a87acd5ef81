import ArgumentParser
import Foundation
import Reports

/// `--format`, `--output` and `--no-color`, shared by every command that prints a report.
/// Adopt it with `@OptionGroup var output: ReportOutputOptions` and `try output.emit(report)`.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "Report format: text, markdown, json or html.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: .customLong("no-color"), help: "Plain text even on a terminal (so does the NO_COLOR environment variable).")
    var noColor = false

    /// Whether the report goes to standard output (so status lines should not be mixed into a
    /// machine-readable format there).
    var writesToStandardOutput: Bool { output == nil || output == "-" }

    /// Colour only for text on a terminal, unless `--no-color` or `NO_COLOR` (https://no-color.org) says no.
    var usesColor: Bool {
        guard format == .text, writesToStandardOutput, !noColor else { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    var renderer: ReportRenderer { ReportRenderer(format: format, color: usesColor) }

    /// - Parameter detailed: text with field diffs and manifests (`diff`, `--diff`), or a summary.
    func emit(_ report: Report, detailed: Bool = true) throws {
        var renderer = self.renderer
        renderer.detailed = detailed
        try write(renderer.render(report))
    }

    func emit(_ history: HistoryReport) throws { try write(renderer.render(history)) }

    /// A line about what the command did ("committed …", "nothing to promote"): on stdout beside
    /// a text report, otherwise on stderr so stdout stays one parseable document.
    func status(_ line: String) {
        if format == .text || !writesToStandardOutput {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    private func write(_ text: String) throws {
        let text = text.hasSuffix("\n") ? text : text + "\n"
        guard let output, output != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandError("cannot write the report to \(output): \(error.localizedDescription)")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

/// `--diff` / `-v` for the commands that print a summary by default (run, sync).
struct DetailOptions: ParsableArguments {
    @Flag(name: [.customLong("diff"), .customShort("v")], help: "Show field diffs and created objects' manifests, not only a line per object.")
    var diff = false
}
