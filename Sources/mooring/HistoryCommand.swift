import ArgumentParser
import Reconciler
import Reports

/// `mooring history --env NAME [--diff N]`: the operations recorded in the cluster, newest first,
/// with their commits and rollback links; with `--diff N`, what operation N changed.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show an environment's recorded operations.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var environment: EnvironmentOption
    @Option(name: .long, help: ArgumentHelp("Show what operation N changed.", valueName: "N")) var diff: Int?

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options)
        try await setup.run { setup in
            let environment = try setup.environment(self.environment.env)
            let history = try await setup.reconciler(for: environment).history()
            // For the authors of recent revisions; the history itself comes from the cluster.
            try? await setup.source.fetch()
            let commits = await CommitLookup(source: setup.source, path: environment.path).infos(history.records.map(\.revision))
            guard let diff else { return try output.emit(HistoryReport(history: history, commits: commits)) }
            guard let report = Report(history: history, operation: diff, commits: commits) else {
                let ids = history.records.map(\.id)
                let held = ids.isEmpty ? "it holds none" : "it holds #\(ids.min()!)–#\(ids.max()!)"
                throw CommandError("no operation \(diff) in the history of \(environment.name) (\(held); only the last \(History.limit) are kept)")
            }
            try output.emit(report)
        }
    }
}
