import Manifests

/// Orders a diff into a `SyncPlan`: by sync wave, then kind (`KindOrder`), then namespace and
/// name; prunes in the reverse order, minus the objects that must be kept: those annotated
/// `mooring.dev/prune: "false"`, and Namespaces that hold objects this environment does not
/// track (deleting a Namespace deletes everything in it).
public enum SyncPlanner {
    /// - Parameters:
    ///   - diff: the environment's diff (confirmed by dry-run where needed).
    ///   - prune: the environment's `prune` setting.
    ///   - allowEmpty: the environment's `allowEmpty` setting.
    ///   - liveListingComplete: `false` when any LIST failed or was partial; nothing is pruned then.
    /// - Throws: `PlanError.badSyncWave` for a non-integer wave annotation.
    public static func plan(_ diff: EnvironmentDiff, prune: Bool, allowEmpty: Bool, liveListingComplete: Bool = true) throws -> SyncPlan {
        struct StepKey: Hashable { var wave: Int; var rank: Int; var kind: GroupKind }

        var steps: [StepKey: [ObjectDiff]] = [:]
        var unchanged: [ObjectIdentity] = []
        var conflicts: [ObjectDiff] = []
        for object in diff.objects {
            switch object.status {
            case .synced:
                unchanged.append(object.identity)
            case .conflict:
                conflicts.append(object)
            case .outOfSync:
                let key = StepKey(wave: try SyncWave.of(object.desired ?? [:]), rank: KindOrder.rank(of: object.identity.groupKind), kind: object.identity.groupKind)
                steps[key, default: []].append(object)
            case .prune:
                break
            }
        }
        let applySteps = steps.keys
            .sorted { ($0.wave, $0.rank, $0.kind) < ($1.wave, $1.rank, $1.kind) }
            .map { key in
                ApplyStep(wave: key.wave, kind: key.kind, kindRank: key.rank,
                          isCustomResource: KindOrder.isCustomResource(key.kind),
                          objects: steps[key]!.sorted { byNamespaceAndName($0.identity, $1.identity) })
            }

        var candidates: [(wave: Int, object: ObjectDiff)] = []
        var kept: [KeptObject] = []
        for object in diff.toPrune {
            let live = object.live ?? [:]
            if live[path: ["metadata", "annotations", Tracking.pruneAnnotation]]?.stringValue == "false" {
                kept.append(KeptObject(identity: object.identity, reason: "annotated \(Tracking.pruneAnnotation): \"false\""))
                continue
            }
            if let contents = object.contents, let reason = contents.blockingReason {
                kept.append(KeptObject(identity: object.identity, reason: reason, holds: contents.blockers))
                continue
            }
            // A bad wave on a live object must not stop the sync: prune it with the last wave.
            candidates.append(((try? SyncWave.of(live)) ?? 0, object))
        }

        var block: PruneBlock?
        if !candidates.isEmpty {
            let desiredCount = diff.objects.filter { $0.status != .prune }.count
            if !prune { block = .disabled }
            else if !liveListingComplete { block = .incompleteListing }
            else if desiredCount == 0 && !allowEmpty { block = .emptyRevision }
        }
        let pruneOrder = candidates.sorted { a, b in
            let rankA = KindOrder.rank(of: a.object.identity.groupKind), rankB = KindOrder.rank(of: b.object.identity.groupKind)
            if a.wave != b.wave { return a.wave > b.wave }
            if rankA != rankB { return rankA > rankB }
            return byNamespaceAndName(b.object.identity, a.object.identity)
        }.map(\.object)
        if let block {
            kept += pruneOrder.map { KeptObject(identity: $0.identity, reason: block.description) }
        }

        return SyncPlan(
            environment: diff.environment, revision: diff.revision, applySteps: applySteps,
            prune: block == nil ? pruneOrder : [], kept: kept, pruneBlocked: block, unchanged: unchanged,
            conflicts: conflicts)
    }

    private static func byNamespaceAndName(_ a: ObjectIdentity, _ b: ObjectIdentity) -> Bool {
        (a.namespace ?? "", a.name, a.kind) < (b.namespace ?? "", b.name, b.kind)
    }
}
