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
    @OptionGroup var revisionOption: RevisionOption
    @Option(name: .long, help: "Promotion preview: the environment to promote from.") var from: String?
    @Option(name: .long, help: "Promotion preview: the environment to promote to.") var to: String?
    @OptionGroup var promotionRule: PromotionRuleOptions

    var revision: String? { revisionOption.revision }

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
        // A promotion preview reads git only: it needs no cluster.
        let setup = try await ReconcilerSetup.open(options, clusters: from == nil)
        let (report, statusLines) = try await setup.run { setup -> (Report, [String]) in
            try await setup.source.fetch()
            if let from, let to { return (try await promotionReport(from: from, to: to, in: setup), []) }
            if let env { return (Report(kind: .diff, environments: [try await environmentReport(env, in: setup)]), []) }
            return try await touchedReport(in: setup)
        }
        try output.emit(report)
        for line in statusLines { output.status(line) }
        if report.hasChanges { throw ExitCode(1) }
    }

    private func environmentReport(_ name: String, in setup: ReconcilerSetup) async throws -> EnvironmentReport {
        let reconciler = try await setup.reconciler(for: try setup.environment(name))
        return EnvironmentReport(preview: try await reconciler.preview(ref: revision))
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
    private func promotionReport(from: String, to: String, in setup: ReconcilerSetup) async throws -> Report {
        let plan = try await Promoter(source: setup.source)
            .plan(from: try setup.environment(from), to: try setup.environment(to), rule: try promotionRule.rule())
        return Report(promotionPlan: plan)
    }
}
