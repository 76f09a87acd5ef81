import Manifests

/// Reads an environment's desired objects against its cluster: prepares them (tracking metadata,
/// namespaces; kinds the built-in table and the revision's CRDs do not know are asked from
/// discovery), lists what is live, diffs, confirms suspected drift by dry-run and plans.
/// `EnvironmentReconciler` reads every revision through it; so do tests of the stages in between.
struct EnvironmentStateReader: Sendable {
    let environment: EnvironmentConfiguration
    let cluster: any ClusterClient
    var concurrency: Int = 8

    var name: String { environment.name }

    /// Rendered objects as mooring applies them at `revision`.
    /// - Throws: `PlanError` for an unknown kind or an object without identity; other errors
    ///   when discovery fails.
    func prepare(_ objects: [JSON], revision: String) async throws -> [JSON] {
        let known = LayeredResourceScopes([DefinedResourceScopes(definitionsAmong: objects), SchemaResourceScopes.builtin])
        let discovered = try await DiscoveredResourceScopes.discover(for: objects, known: known, cluster: cluster)
        return try DesiredState.prepare(objects, environment: name, revision: revision, defaultNamespace: environment.namespace,
                                        scopes: LayeredResourceScopes([SchemaResourceScopes.builtin, discovered]))
    }

    /// The live state, the confirmed diff and the plan for prepared `desired` objects.
    /// - Throws: `ReconcileError`, or `PlanError` naming the object (for its file and line).
    func read(desired: [JSON], revision: String) async throws -> (live: LiveState, diff: EnvironmentDiff, plan: SyncPlan) {
        let live: LiveState
        do {
            live = try await LiveStateReader(cluster: cluster, concurrency: concurrency).read(environment: name, desired: desired)
        } catch let error as ReconcileError {
            throw error
        } catch {
            throw ReconcileError.cluster("reading environment \(name) from the cluster failed: \(error)")
        }
        do {
            let differ = Differ(ignoreDifferences: environment.ignoreDifferences)
            let suspected = try differ.diff(environment: name, revision: revision, desired: desired, live: live.objects)
            let diff = await DriftConfirmation(cluster: cluster, differ: differ, concurrency: concurrency).confirm(suspected)
            let plan = try SyncPlanner.plan(diff, prune: environment.prune, allowEmpty: environment.allowEmpty,
                                            liveListingComplete: live.complete)
            return (live, diff, plan)
        } catch let error as ReconcileError {
            throw error
        } catch let error as PlanError {
            throw error
        } catch {
            throw ReconcileError.plan("\(name) @ \(revision.prefix(7)): \(error)")
        }
    }
}
