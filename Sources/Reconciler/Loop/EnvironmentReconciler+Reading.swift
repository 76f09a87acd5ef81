import Foundation
import Manifests

/// Reading a revision against the cluster: render, prepare, list live objects, diff, review
/// ownership, confirm (strictly), plan.
extension EnvironmentReconciler {
    /// A revision's desired objects against the live state.
    struct ReadState: Sendable {
        var revision: String
        var desired: [JSON]
        var live: LiveState
        var diff: EnvironmentDiff
        var plan: SyncPlan

        /// The declared objects this environment answers for (conflicts are someone else's):
        /// what health is assessed on.
        var identities: [ObjectIdentity] {
            diff.objects.filter { $0.desired != nil && $0.status != .conflict }.map(\.identity)
        }
        var definitions: [JSON] { desired.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" } }
    }

    var ownership: OwnershipPolicy {
        OwnershipPolicy(owner: environment.owner, adoptAll: environment.adopt, transfer: FieldOwnershipTransfer(adoptFrom: environment.adoptFrom))
    }

    func read(revision: String) async throws -> ReadState {
        let (prepared, rendered) = try await desiredObjects(revision: revision)
        try await refuseObjectsSiblingsDeclare(rendered)
        let live: LiveState
        do {
            live = try await LiveStateReader(cluster: cluster, concurrency: options.concurrency).read(environment: name, desired: prepared)
        } catch let error as ReconcileError {
            throw error
        } catch {
            throw ReconcileError.cluster("reading environment \(name) from the cluster failed: \(ClusterError.reason(of: error))")
        }
        do {
            let ownership = self.ownership
            let desired = ownership.stamp(prepared, live: live.byIdentity)
            let differ = Differ(ignoreDifferences: environment.ignoreDifferences)
            let reviewed = ownership.review(try differ.diff(environment: name, revision: revision, desired: desired, live: live.objects),
                                            differ: differ)
            let suspected = ownership.contested(reviewed, by: await claimsOfOthers())
            try await publishClaims(suspected)
            var (diff, rejections) = await DriftConfirmation(cluster: cluster, differ: differ, concurrency: options.concurrency)
                .confirmStrictly(suspected)
            rejections += await StrictValidation(cluster: cluster, concurrency: options.concurrency)
                .rejections(in: diff, definitions: desired.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" })
            if !rejections.isEmpty { throw ReconcileError.plan(FieldRejectionReport(rejections, rendered: rendered).message) }
            diff = await NamespaceInventory(cluster: cluster, concurrency: options.concurrency).attach(to: diff)
            let plan = try SyncPlanner.plan(diff, prune: environment.prune, allowEmpty: environment.allowEmpty,
                                            liveListingComplete: live.complete)
            return ReadState(revision: revision, desired: desired, live: live, diff: diff, plan: plan)
        } catch let error as ReconcileError {
            throw error
        } catch {
            throw ReconcileError.plan("\(name) @ \(revision.prefix(7)): \(error)")
        }
    }

    /// The revision's objects prepared for applying, and each one as rendered (for file and line).
    func desiredObjects(revision: String) async throws -> ([JSON], [ObjectIdentity: RenderedObject]) {
        let rendered: RenderedEnvironment
        do {
            rendered = try await source.render(revision: revision, path: environment.path)
        } catch {
            throw ReconcileError.render("\(error)")
        }
        let objects = rendered.objects.map(\.object)
        do {
            let known = LayeredResourceScopes([DefinedResourceScopes(definitionsAmong: objects), SchemaResourceScopes.builtin])
            let discovered = try await DiscoveredResourceScopes.discover(for: objects, known: known, cluster: cluster)
            let prepared = try DesiredState.prepare(objects, environment: name, revision: revision, defaultNamespace: environment.namespace,
                                                    scopes: LayeredResourceScopes([SchemaResourceScopes.builtin, discovered]),
                                                    installation: environment.installation)
            var byIdentity: [ObjectIdentity: RenderedObject] = [:]
            for (object, source) in zip(prepared, rendered.objects) {
                if let identity = ObjectIdentity(of: object) { byIdentity[identity] = source }
            }
            return (prepared, byIdentity)
        } catch let error as PlanError {
            let located = rendered.objects.first { error.description.hasPrefix($0.identity.description) }
            throw ReconcileError.plan(located.map { "\($0.source): \(error)" } ?? "\(error)")
        } catch {
            throw ReconcileError.cluster("discovery failed: \(ClusterError.reason(of: error))")
        }
    }

    /// What other environments and installations claim of this one's objects, from their Leases
    /// (nothing when the Leases cannot be listed: a missing claim is reported by its claimant).
    func claimsOfOthers() async -> [ObjectIdentity: Owner] {
        let leaseType = GroupVersionKind(group: "coordination.k8s.io", version: "v1", kind: "Lease")
        let selector = "\(Tracking.managedByLabel)=\(Tracking.managedByValue)"
        guard let leases = try? await cluster.list(leaseType, labelSelector: selector) else { return [:] }
        return OwnershipClaims.claims(in: leases, against: environment.owner, now: Date())
    }

    /// While holding its Lease, the environment publishes the objects it declares that another
    /// owns, so that owner reports the conflict too.
    func publishClaims(_ diff: EnvironmentDiff) async throws {
        guard let lock, await lock.lease.isHeld else { return }
        let claimed = diff.conflicts.filter { if case .ownedBy = $0.conflict?.reason { return true } else { return false } }.map(\.identity)
        do {
            try await lock.lease.publish(OwnershipClaims.annotation, claimed.isEmpty ? nil : OwnershipClaims.value(claimed))
        } catch {
            throw ReconcileError.cluster("publishing the claims of \(name) on its Lease failed: \(ClusterError.reason(of: error))")
        }
    }

    /// Renders each sibling environment at its own ref and refuses the revision when one of
    /// them declares an object this one declares. A sibling that cannot be rendered is skipped
    /// (its own reconcile reports why).
    func refuseObjectsSiblingsDeclare(_ rendered: [ObjectIdentity: RenderedObject]) async throws {
        guard !siblings.isEmpty else { return }
        let check = SiblingDeclarations(own: rendered.mapValues(\.source), environment: name, cluster: environment.cluster.description)
        var problems: [String] = []
        for sibling in siblings {
            let other = EnvironmentReconciler(environment: sibling, source: source, cluster: cluster, options: options)
            guard let revision = try? await other.resolve(sibling.ref),
                  let (_, theirs) = try? await other.desiredObjects(revision: revision) else { continue }
            problems += check.overlaps(with: sibling.name, declaring: theirs.mapValues(\.source))
        }
        if let first = problems.first {
            throw ReconcileError.render(first + (problems.count > 1 ? " (and \(problems.count - 1) more objects)" : ""))
        }
    }

    func resolve(_ ref: String?) async throws -> String {
        do { return try await source.resolve(ref) } catch {
            throw ReconcileError.source("cannot resolve \(ref ?? "the default branch") for environment \(name): \(error)")
        }
    }

    func loadHistory() async throws -> History {
        do { return try await historyStore.load(environment: name) } catch {
            throw ReconcileError.cluster("reading the history of \(name) failed: \(ClusterError.reason(of: error))")
        }
    }

}
