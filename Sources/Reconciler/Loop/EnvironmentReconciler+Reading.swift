import Foundation
import Manifests

/// Reading a revision against the cluster: render, describe, prepare, list live objects, diff,
/// confirm, plan.
extension EnvironmentReconciler {
    /// A revision's desired objects against the live state.
    struct ReadState: Sendable {
        var revision: String
        var rendered: RenderedEnvironment
        var commit: RevisionFacts
        var desired: [JSON]
        var live: LiveState
        var diff: EnvironmentDiff
        var plan: SyncPlan

        var identities: [ObjectIdentity] { desired.compactMap { ObjectIdentity(of: $0) } }
        var definitions: [JSON] { desired.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" } }
    }

    var stateReader: EnvironmentStateReader {
        EnvironmentStateReader(environment: environment, cluster: cluster, concurrency: options.concurrency)
    }

    func read(revision: String) async throws -> ReadState {
        let rendered: RenderedEnvironment
        do {
            rendered = try await source.render(revision: revision, path: environment.path)
        } catch {
            throw ReconcileError.render("\(error)")
        }
        let commit: RevisionFacts
        do {
            commit = try await source.describe(revision: revision, path: environment.path)
        } catch {
            throw ReconcileError.source("reading commit \(revision.prefix(7)) failed: \(error)")
        }
        var desired: [JSON] = []
        do {
            desired = try await stateReader.prepare(rendered.objects.map(\.object), revision: revision)
            let (live, diff, plan) = try await stateReader.read(desired: desired, revision: revision)
            return ReadState(revision: revision, rendered: rendered, commit: commit, desired: desired, live: live, diff: diff, plan: plan)
        } catch let error as PlanError {
            throw ReconcileError.plan(Self.located(error, in: rendered, prepared: desired))
        } catch let error as ReconcileError {
            throw error
        } catch {
            throw ReconcileError.cluster("discovery failed: \(error)")
        }
    }

    /// `environments/develop/widget.yaml:1: Widget.example.com web/w: unknown kind …`: the error
    /// with the file and line of its object (prepared objects are in rendering order).
    static func located(_ error: PlanError, in rendered: RenderedEnvironment, prepared: [JSON]) -> String {
        guard let object = error.object,
              let index = prepared.firstIndex(where: { ObjectIdentity(of: $0) == object })
                ?? rendered.objects.firstIndex(where: { $0.identity == object }),
              rendered.objects.indices.contains(index)
        else { return "\(error)" }
        return "\(rendered.objects[index].source): \(error)"
    }

    func resolve(_ ref: String?) async throws -> String {
        do { return try await source.resolve(ref) } catch {
            throw ReconcileError.source("cannot resolve \(ref ?? "the default branch") for environment \(name): \(error)")
        }
    }

    func loadHistory() async throws -> History {
        do { return try await historyStore.load(environment: name) } catch {
            throw ReconcileError.cluster("reading the history of \(name) failed: \(error)")
        }
    }
}
