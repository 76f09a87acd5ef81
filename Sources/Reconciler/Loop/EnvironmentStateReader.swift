import Foundation
import Manifests

/// Reads an environment's desired objects against its cluster: prepares them (tracking metadata,
/// namespaces; kinds the built-in table and the revision's CRDs do not know are asked from
/// discovery), lists what is live, diffs, reviews ownership (stamps, adoption, others' claims),
/// confirms suspected drift by strict dry-run and plans. `EnvironmentReconciler` reads every
/// revision through it; so do tests of the stages in between.
struct EnvironmentStateReader: Sendable {
    let environment: EnvironmentConfiguration
    let cluster: any ClusterClient
    var concurrency: Int = 8
    /// The environment's Lease: while it is held, the objects this environment declares that
    /// another owns are published on it, so that owner reports the conflict too.
    var lock: EnvironmentLock?
    /// The last pass's in-sync verdicts (`mooring run`); `nil` diffs every object.
    var memo: DiffMemo?
    /// The cluster's Leases' claims read once for every environment (`mooring run`); `nil` reads
    /// them on each pass.
    var published: PublishedClaims?

    var name: String { environment.name }

    var ownership: OwnershipPolicy {
        OwnershipPolicy(owner: environment.owner, adoptAll: environment.adopt, transfer: FieldOwnershipTransfer(adoptFrom: environment.adoptFrom))
    }

    /// Rendered objects as mooring applies them at `revision`.
    /// - Throws: `PlanError` for an unknown kind or an object without identity; other errors
    ///   when discovery fails.
    func prepare(_ objects: [JSON], revision: String) async throws -> [JSON] {
        let known = LayeredResourceScopes([DefinedResourceScopes(definitionsAmong: objects), SchemaResourceScopes.builtin])
        let discovered = try await DiscoveredResourceScopes.discover(for: objects, known: known, cluster: cluster)
        return try DesiredState.prepare(objects, environment: name, revision: revision, defaultNamespace: environment.namespace,
                                        scopes: LayeredResourceScopes([SchemaResourceScopes.builtin, discovered]),
                                        installation: environment.installation)
    }

    /// The desired objects stamped with their ownership, the live state, the confirmed diff and
    /// the plan for `prepared` objects.
    /// - Parameters:
    ///   - rendered: each prepared object as rendered, to name the file and line of a field the
    ///     server refuses.
    ///   - early: LISTs started while the revision rendered (`startListing`).
    ///   - withFieldLines: `rendered` with each field's line, when `rendered` came from a cache
    ///     that keeps none (`RenderCache`); asked for only when the server refuses a field.
    /// - Throws: `ReconcileError`, or `PlanError` naming the object (for its file and line).
    func read(desired prepared: consuming [JSON], revision: String, rendered: [ObjectIdentity: RenderedObject] = [:],
              early: EarlyListing? = nil,
              withFieldLines: (@Sendable () async -> [ObjectIdentity: RenderedObject]?)? = nil) async throws -> (desired: [JSON], live: LiveState, diff: EnvironmentDiff, plan: SyncPlan) {
        // Others' claims are read beside the live objects: one wait for the cluster, not two.
        async let claims = claimsOfOthers()
        let live: LiveState
        do {
            live = try await liveStateReader.read(environment: name, desired: prepared, early: early)
        } catch let error as ReconcileError {
            throw error
        } catch {
            throw ReconcileError.cluster("reading environment \(name) from the cluster failed: \(error)")
        }
        do {
            let ownership = self.ownership
            // Stamped in place: the caller hands its prepared objects over (`consuming`).
            ownership.stamp(&prepared, live: live.byIdentity)
            // Unchanged objects become the last pass's own: one copy held across passes.
            memo?.share(&prepared)
            let desired = prepared
            let differ = Differ(ignoreDifferences: environment.ignoreDifferences)
            let reviewed = ownership.review(try differ.diff(environment: name, revision: revision, desired: desired, live: live.objects, memo: memo),
                                            differ: differ)
            let suspected = ownership.contested(reviewed, by: await claims)
            try await publishClaims(suspected)
            var (diff, rejections) = await DriftConfirmation(cluster: cluster, differ: differ, concurrency: concurrency)
                .confirmStrictly(suspected)
            rejections += await StrictValidation(cluster: cluster, concurrency: concurrency)
                .rejections(in: diff, definitions: desired.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" })
            if !rejections.isEmpty {
                let located = await withFieldLines?() ?? rendered
                throw ReconcileError.plan(FieldRejectionReport(rejections, rendered: located).message)
            }
            diff = await NamespaceInventory(cluster: cluster, concurrency: concurrency).attach(to: diff)
            memo?.remember(diff, desired: desired)
            let plan = try SyncPlanner.plan(diff, prune: environment.prune, allowEmpty: environment.allowEmpty,
                                            liveListingComplete: live.complete)
            return (desired, live, diff, plan)
        } catch let error as ReconcileError {
            throw error
        } catch let error as PlanError {
            throw error
        } catch {
            throw ReconcileError.plan("\(name) @ \(revision.prefix(7)): \(error)")
        }
    }

    var liveStateReader: LiveStateReader { LiveStateReader(cluster: cluster, concurrency: concurrency) }

    /// The always-listed kinds' LISTs, started now (the Lease held) to run while the revision renders.
    func startListing() -> EarlyListing { liveStateReader.startListing(environment: name) }

    /// What other environments and installations claim of this one's objects, from their Leases
    /// (nothing when the Leases cannot be listed: a missing claim is reported by its claimant).
    func claimsOfOthers() async -> [ObjectIdentity: Owner] {
        if let published { return await published.claims(against: environment.owner, reading: cluster) }
        let selector = "\(Tracking.managedByLabel)=\(Tracking.managedByValue)"
        guard let leases = try? await cluster.list(.leaseV1, labelSelector: selector) else { return [:] }
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
            throw ReconcileError.cluster("publishing the claims of \(name) on its Lease failed: \(error)")
        }
    }
}
