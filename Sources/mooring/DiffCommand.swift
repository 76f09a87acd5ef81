import ArgumentParser
import Reconciler
import Reports

/// `mooring diff`: what a revision would change, as a report. Three questions:
/// - `--env NAME [--revision REF]`: one environment's live state against a revision;
/// - `--all --revision REF`: every environment whose folder REF changes (a pull request's head);
/// - `--from ENV --to ENV`: what the target would become with the source's manifests (no commit).
///
/// Exit 0 no change, 1 changes, 2 error: a CI job can gate on it.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show how the cluster differs from a revision.")

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(name: .long, help: "The environment.") var env: String?
    @Flag(name: .long, help: "Every environment the revision changes (needs --revision).") var all = false
    @Option(name: .long, help: "Branch, tag or commit (default: the environment's ref).") var revision: String?
    @Option(name: .long, help: "Promotion preview: the environment to promote from.") var from: String?
    @Option(name: .long, help: "Promotion preview: the environment to promote to.") var to: String?
    @OptionGroup var promotionRule: PromotionRuleOptions

    func validate() throws {
        let promotion = from != nil || to != nil
        guard [env != nil, all, promotion].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --env NAME, --all --revision REF, or --from ENV --to ENV")
        }
        if all && revision == nil { throw ValidationError("--all needs --revision REF: the change to preview") }
        if promotion {
            guard from != nil, to != nil else { throw ValidationError("--from and --to go together") }
            if from == to { throw ValidationError("--from and --to name the same environment") }
            if revision != nil { throw ValidationError("--revision does not apply to --from/--to: each side is read at its environment's ref") }
        } else if promotionRule.isSet {
            throw ValidationError("--only, --keep and --promote-replicas apply to --from/--to only")
        }
    }

    func run() async throws {
        let report: Report
        var statusLines: [String] = []
        if let from, let to {
            report = try await promotionReport(from: from, to: to)
        } else {
            let setup = try await ReconcilerSetup.open(options)
            (report, statusLines) = try await setup.run { setup in
                try await setup.fetch()
                if let env { return (Report(kind: .diff, environments: [try await environmentReport(env, in: setup)]), []) }
                return try await touchedReport(in: setup)
            }
        }
        try output.emit(report)
        for line in statusLines { output.status(line) }
        if report.hasChanges { throw ExitCode(1) }
    }

    private func environmentReport(_ name: String, in setup: ReconcilerSetup) async throws -> EnvironmentReport {
        let reconciler = try await setup.reconciler(for: try options.environment(name, in: setup.configuration))
        let diff = try await reconciler.diff(ref: revision)
        return await ReportAssembler(source: setup.source).report(diff: diff, reconciler: reconciler)
    }

    /// `--all`: the environments whose folder differs between their ref and the revision, and a
    /// status line naming the others.
    private func touchedReport(in setup: ReconcilerSetup) async throws -> (Report, [String]) {
        guard let revision else { throw CommandError("--all needs --revision REF") }
        let touched = try await TouchedEnvironments.find(setup.configuration.environments, revision: revision, source: setup.source)
        let untouched = setup.configuration.environments.map(\.name).filter { name in !touched.contains { $0.name == name } }
        var environments: [EnvironmentReport] = []
        for environment in touched { environments.append(try await environmentReport(environment.name, in: setup)) }
        let names = touched.map(\.name).joined(separator: ", ")
        let title = "Mooring diff of \(revision): " + (touched.isEmpty ? "no environment changed" : names)
        let untouchedLine = untouched.isEmpty ? [] : ["not changed by \(revision): \(untouched.joined(separator: ", "))"]
        return (Report(kind: .diff, title: title, environments: environments), untouchedLine)
    }

    /// `--from/--to`: the promotion planner's answer, without a commit.
    private func promotionReport(from: String, to: String) async throws -> Report {
        let configuration = try options.load()
        let source = try options.environment(from, in: configuration)
        let target = try options.environment(to, in: configuration)
        let repository = try await GitConfigSource.open(
            configuration, configDirectory: options.directory, cacheFolder: options.cacheFolder)
        do { try await repository.fetch() } catch {
            throw ReconcileError.source("fetching \(configuration.repository.url) failed: \(error)")
        }
        let plan = try await Promoter(source: repository).plan(from: source, to: target, rule: try promotionRule.rule())
        return Report(promotionPlan: plan)
    }
}
