import Manifests
import Reconciler

extension Report {
    /// The promotion as a report in the target environment's terms: created, configured, pruned
    /// and unchanged objects, with the image and replica changes spelled out as remarks.
    public init(promotion: PromotionDiff, commit: CommitInfo? = nil) {
        var objects: [ObjectReport] = []
        var remarks: [String] = []
        for object in promotion.objects {
            switch object.presence {
            case .onlyInSource:
                objects.append(ObjectReport(identity: object.identity, action: .create, manifest: object.promoted))
            case .onlyInTarget:
                objects.append(ObjectReport(identity: object.identity, action: .prune,
                                            message: "only \(promotion.toEnvironment) has it"))
            case .both:
                objects.append(ObjectReport(identity: object.identity, action: object.changes.isEmpty ? .unchanged : .configure,
                                            changes: object.changes))
            }
            for image in object.images { remarks.append("image of \(object.identity) container \(image)") }
            if let replicas = object.replicas {
                remarks.append("replicas of \(object.identity): \(replicas.from.map(String.init) ?? "unset") → \(replicas.to.map(String.init) ?? "unset")")
            }
        }
        let changedSecrets = promotion.objects.filter { object in
            SecretMask.isSecret(object.identity) && object.changes.contains { SecretMask.holdsValues($0.path) }
        }.map(\.identity)
        let notes = PolicyChecker.notes(objects: promotion.objects.compactMap(\.promoted), changedSecrets: changedSecrets)
        let environment = EnvironmentReport(
            environment: promotion.toEnvironment, revision: promotion.targetRevision ?? promotion.sourceRevision ?? "",
            commit: commit,
            context: .promotion(fromEnvironment: promotion.fromEnvironment, toEnvironment: promotion.toEnvironment,
                                sourceRevision: promotion.sourceRevision),
            objects: objects, notes: notes, remarks: remarks)
        self.init(kind: .promotion, title: "Mooring promotion: \(promotion.fromEnvironment) → \(promotion.toEnvironment)",
                  environments: [environment])
    }

    /// A promotion plan as a report in the target's terms: what its objects become, and the
    /// promotion commit once there is one. `mooring promote` and `mooring diff --from … --to …`
    /// show the same.
    public init(promotionPlan plan: PromotionPlan, commit: RevisionFacts? = nil) {
        let diff = PromotionComparer.compare(
            source: plan.promotedObjects, target: plan.currentObjects, fromEnvironment: plan.fromEnvironment,
            toEnvironment: plan.toEnvironment, sourceRevision: plan.sourceRevision,
            targetRevision: commit?.revision ?? plan.targetRevision)
        self.init(promotion: diff, commit: commit.map(CommitInfo.init))
    }
}
