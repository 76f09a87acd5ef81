import ArgumentParser
import Reconciler

/// `--only`, `--keep` and `--promote-replicas`: which objects a promotion takes and what the
/// target keeps: `mooring promote` and its preview, `mooring diff --from … --to …`.
struct PromotionRuleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Promote only this object (repeatable).", valueName: "kind/name"))
    var only: [String] = []

    @Option(help: ArgumentHelp("A field the target keeps, [Kind:]/json/pointer, e.g. Deployment:/spec/replicas (repeatable).",
                               valueName: "pointer"))
    var keep: [String] = []

    @Flag(help: "Promote replica counts too (by default the target keeps its own /spec/replicas).")
    var promoteReplicas = false

    /// Whether any of them was given (they only make sense for a promotion).
    var isSet: Bool { !only.isEmpty || !keep.isEmpty || promoteReplicas }

    func rule() throws -> PromotionRule {
        PromotionRule(keep: try keep.map(KeepPath.init(parsing:)), only: try only.map(ObjectSelector.init(parsing:)),
                      keepsReplicas: !promoteReplicas)
    }
}
