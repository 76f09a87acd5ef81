import ArgumentParser

/// `--format text|json` for the commands whose output is not a report (status, render, rollback);
/// the JSON documents are described in Reports' `CommandJSON`.
struct FormatOption: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Output format: text or json.") var format: Format = .text

    var isJSON: Bool { format == .json }
}
