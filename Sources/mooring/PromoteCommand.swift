import ArgumentParser
import Foundation
import GitSource
import Manifests
import Reconciler
import Reports

/// `mooring promote`: one environment's manifests written into another's folder as one commit on
/// the target's branch (see `PromotionRule` for what is copied and what the target keeps).
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Promote one environment's manifests to another as one commit on the target's branch.",
        discussion: """
            Each of the source's objects is laid over the target's copy: the source adds and changes fields, \
            and what the target sets that the source does not stays. The target's namespaces, environment \
            name and replicas are kept, as are the fields named by --keep. Objects only the target has stay. \
            Without --push the commit is made in the local mirror only.
            """)

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup var output: ReportOutputOptions

    @Option(help: "The environment to promote from (e.g. develop).")
    var from: String

    @Option(help: "The environment to promote to (e.g. master).")
    var to: String

    @Option(help: ArgumentHelp("Promote only this object (repeatable).", valueName: "kind/name"))
    var only: [String] = []

    @Option(help: ArgumentHelp("A field the target keeps, [Kind:]/json/pointer, e.g. Deployment:/spec/replicas (repeatable).",
                               valueName: "pointer"))
    var keep: [String] = []

    @Flag(help: "Promote replica counts too (by default the target keeps its own /spec/replicas).")
    var promoteReplicas = false

    @Flag(help: "Push the target's branch after committing.")
    var push = false

    @Flag(help: "Only print what the promotion would change; commit nothing.")
    var dryRun = false

    func validate() throws {
        if from == to { throw ValidationError("--from and --to name the same environment") }
        if push && dryRun { throw ValidationError("--push and --dry-run exclude each other") }
    }

    func run() async throws {
        let rule = PromotionRule(keep: try keep.map(KeepPath.init(parsing:)), only: try only.map(ObjectSelector.init(parsing:)),
                                 keepsReplicas: !promoteReplicas)
        let configuration = try options.load()
        let source = try options.environment(from, in: configuration)
        let target = try options.environment(to, in: configuration)
        let repository = try await GitConfigSource.open(
            configuration, configDirectory: options.directory, cacheFolder: options.cacheFolder)
        try await repository.fetch()
        let promoter = Promoter(source: repository)
        let plan = try await promoter.plan(from: source, to: target, rule: rule)

        var commit: Commit?
        if !dryRun, !plan.isEmpty {
            commit = try await promoter.commit(plan)
            if push { try await promoter.push(plan) }
        }
        try output.emit(Report(promotionPlan: plan, commit: commit))

        let branch = plan.targetBranch ?? to
        if !plan.leftOutSecrets.isEmpty {
            let names = plan.leftOutSecrets.map { "Secret/\($0.name)" }
            output.status("left out \(names.count) Secret\(names.count == 1 ? "" : "s") of \(from) (\(names.joined(separator: ", "))): "
                + "Secrets are promoted only when named, e.g. --only \(names[0])")
        }
        if plan.isEmpty {
            output.status("nothing to promote: \(to) (\(branch) at \(plan.targetRevision.prefix(7))) already has \(from)'s manifests at \(plan.sourceRevision.prefix(7))")
        } else if dryRun {
            output.status("dry run: would commit \(plan.writtenFiles.count) file(s) in \(plan.targetPath) on \(branch); nothing committed")
        } else if let commit {
            output.status("committed \(commit.id.hex) on \(branch)")
            output.status(push ? "pushed \(branch)" : "not pushed (the commit is in the local mirror; use --push to publish it)")
        }
    }
}

extension Report {
    /// A promotion plan as a report in the target's terms: what its objects become, and the
    /// promotion commit once there is one. `mooring diff --from … --to …` can show the same.
    init(promotionPlan plan: PromotionPlan, commit: Commit? = nil) {
        let diff = PromotionComparer.compare(
            source: plan.promotedObjects, target: plan.currentObjects, fromEnvironment: plan.fromEnvironment,
            toEnvironment: plan.toEnvironment, sourceRevision: plan.sourceRevision,
            targetRevision: commit?.id.hex ?? plan.targetRevision)
        let info = commit.map { CommitInfo(id: $0.id.hex, author: $0.author.name, summary: $0.summary, time: $0.time) }
        self.init(promotion: diff, commit: info)
    }
}
