import Foundation
import Manifests

/// Reading a revision against the cluster: render, prepare, list live objects, diff, confirm, plan.
extension EnvironmentReconciler {
    /// A revision's desired objects against the live state.
    struct ReadState: Sendable {
        var revision: String
        var desired: [JSON]
        var live: LiveState
        var diff: EnvironmentDiff
        var plan: SyncPlan

        var identities: [ObjectIdentity] { desired.compactMap { ObjectIdentity(of: $0) } }
        var definitions: [JSON] { desired.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" } }
    }

    func read(revision: String) async throws -> ReadState {
        let desired = try await desiredObjects(revision: revision)
        let live: LiveState
        do {
            live = try await LiveStateReader(cluster: cluster, concurrency: options.concurrency).read(environment: name, desired: desired)
        } catch let error as ReconcileError {
            throw error
        } catch {
            throw ReconcileError.cluster("reading environment \(name) from the cluster failed: \(ClusterError.reason(of: error))")
        }
        do {
            let differ = Differ(ignoreDifferences: environment.ignoreDifferences)
            let suspected = try differ.diff(environment: name, revision: revision, desired: desired, live: live.objects)
            let diff = await DriftConfirmation(cluster: cluster, differ: differ, concurrency: options.concurrency).confirm(suspected)
            let plan = try SyncPlanner.plan(diff, prune: environment.prune, allowEmpty: environment.allowEmpty,
                                            liveListingComplete: live.complete)
            return ReadState(revision: revision, desired: desired, live: live, diff: diff, plan: plan)
        } catch let error as ReconcileError {
            throw error
        } catch {
            throw ReconcileError.plan("\(name) @ \(revision.prefix(7)): \(error)")
        }
    }

    func desiredObjects(revision: String) async throws -> [JSON] {
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
            return try DesiredState.prepare(objects, environment: name, revision: revision, defaultNamespace: environment.namespace,
                                            scopes: LayeredResourceScopes([SchemaResourceScopes.builtin, discovered]))
        } catch let error as PlanError {
            let located = rendered.objects.first { error.description.hasPrefix($0.identity.description) }
            throw ReconcileError.plan(located.map { "\($0.source): \(error)" } ?? "\(error)")
        } catch {
            throw ReconcileError.cluster("discovery failed: \(ClusterError.reason(of: error))")
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
