import Foundation
import Manifests

/// Reading a revision against the cluster: render, describe, prepare, refuse what sibling
/// environments declare, then the state reader's live objects, diff, ownership review, strict
/// confirmation and plan.
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
        /// The revision's hooks, prepared: not in the diff or the plan; each operation runs them.
        var hooks: [HookDefinition] = []

        /// The declared objects this environment answers for (conflicts are someone else's):
        /// what health is assessed on.
        var identities: [ObjectIdentity] {
            diff.objects.filter { $0.desired != nil && $0.status != .conflict }.map(\.identity)
        }
        var definitions: [JSON] { desired.filter { $0["kind"]?.stringValue == "CustomResourceDefinition" } }
    }

    var stateReader: EnvironmentStateReader {
        EnvironmentStateReader(environment: environment, cluster: cluster, concurrency: options.concurrency, lock: lock, memo: diffMemo,
                               published: publishedClaims)
    }

    func read(revision: String) async throws -> ReadState {
        let early = stateReader.startListing()
        defer { early.cancel() }
        progress.say("\(name): rendering \(environment.path) at \(revision.prefix(7))")
        var desired = try await desiredObjects(revision: revision)
        try await refuseObjectsSiblingsDeclare(desired.sources, revision: revision)
        let commit: RevisionFacts
        do {
            commit = try await source.describe(revision: revision, path: environment.path)
        } catch {
            throw ReconcileError.source("reading commit \(revision.prefix(7)) failed: \(error)")
        }
        progress.say("\(name): reading the live objects (\(desired.prepared.count) declared)")
        do {
            // Handed over, not shared: the state reader stamps the objects in place.
            let prepared = desired.prepared
            desired.prepared = []
            let identities = desired.identities
            // No table of rendered objects by identity is kept for the error naming a refused
            // field's line: that error renders afresh (the cache keeps no field lines anyway).
            let state = try await stateReader.read(desired: consume prepared, revision: revision, early: early) {
                await self.renderedWithFieldLines(revision: revision, identities: identities)
            }
            // Read: no error about a field can come any more, so the state (and the outcome made
            // of it, kept until the next pass) holds the rendering without its field lines.
            return ReadState(revision: revision, rendered: desired.rendered.withoutFieldLines(), commit: commit, desired: state.desired,
                             live: state.live, diff: state.diff, plan: state.plan, hooks: desired.hooks)
        } catch let error as PlanError {
            throw ReconcileError.plan(Self.located(error, in: desired))
        }
    }

    /// A revision rendered and prepared for applying, with each prepared object as rendered.
    struct DesiredObjects: Sendable {
        var rendered: RenderedEnvironment
        var prepared: [JSON]
        /// Each prepared object's identity (`nil` for one without), in the order of `prepared`.
        var identities: [ObjectIdentity?] = []
        /// Where each prepared object was written, for file and line in messages.
        var sources: [ObjectIdentity: SourceLocation]
        /// The hooks, split off the desired state (`HookSelection`) and prepared like it.
        var hooks: [HookDefinition] = []
    }

    /// The revision's objects prepared for applying, and each one as rendered (for file and line).
    func desiredObjects(revision: String) async throws -> DesiredObjects {
        let full: RenderedEnvironment
        do {
            full = try await source.render(revision: revision, path: environment.path)
        } catch {
            throw ReconcileError.render("\(error)")
        }
        let selection = try HookSelection(full)
        let rendered = selection.resources
        do {
            // Prepared together, so a hook of a kind the revision's CRDs define finds its scope.
            let all = try await stateReader.prepare(rendered.objects.map(\.object) + selection.hooks.map(\.object), revision: revision)
            let prepared = Array(all.prefix(rendered.objects.count))
            var hooks = selection.hooks
            for (index, object) in all.dropFirst(rendered.objects.count).enumerated() { hooks[index].object = object }
            let identities = prepared.map { ObjectIdentity(of: $0) }
            return DesiredObjects(rendered: rendered, prepared: prepared, identities: identities,
                                  sources: Self.byIdentity(identities, rendered: rendered, \.source), hooks: hooks)
        } catch let error as PlanError {
            throw ReconcileError.plan(Self.located(error, in: DesiredObjects(rendered: full, prepared: [], sources: [:])))
        } catch {
            throw ReconcileError.cluster("discovery failed: \(error)")
        }
    }

    /// Each prepared object as rendered, by its prepared identity (its namespace filled in).
    static func byIdentity<Value>(_ identities: [ObjectIdentity?], rendered: RenderedEnvironment,
                                  _ value: (RenderedObject) -> Value) -> [ObjectIdentity: Value] {
        var byIdentity: [ObjectIdentity: Value] = [:]
        byIdentity.reserveCapacity(identities.count)
        for (identity, object) in zip(identities, rendered.objects) {
            if let identity { byIdentity[identity] = value(object) }
        }
        return byIdentity
    }

    /// The revision rendered afresh with every field's line (the render cache keeps none), by
    /// prepared identity: for an error naming the line of a field the server refused. `nil` when
    /// it cannot be rendered again as it was.
    func renderedWithFieldLines(revision: String, identities: [ObjectIdentity?]) async -> [ObjectIdentity: RenderedObject]? {
        guard let full = try? await source.renderWithFieldLines(revision: revision, path: environment.path),
              let resources = try? HookSelection(full).resources, resources.objects.count == identities.count else { return nil }
        return Self.byIdentity(identities, rendered: resources) { $0 }
    }

    /// `environments/develop/widget.yaml:1: Widget.example.com web/w: unknown kind …`: the error
    /// with the file and line of its object (as prepared, or as rendered before preparing).
    static func located(_ error: PlanError, in desired: DesiredObjects) -> String {
        guard let object = error.object,
              let source = desired.sources[object] ?? desired.rendered.objects.first(where: { $0.identity == object })?.source
        else { return "\(error)" }
        return "\(source): \(error)"
    }

    /// Renders each sibling environment at its own ref and refuses the revision when one of
    /// them declares an object this one declares. A sibling that cannot be rendered is skipped
    /// (its own reconcile reports why).
    ///
    /// Siblings' declarations come from `declarations` (each read once per revision), and the
    /// verdict is reused while this revision and every ref the siblings follow are unchanged.
    func refuseObjectsSiblingsDeclare(_ own: [ObjectIdentity: SourceLocation], revision: String) async throws {
        guard siblings.hasAny(besides: name) else { return }
        let index = declarations ?? DeclarationIndex()
        index.publish(name, revision: revision, declared: own)
        let resolved = await siblingRevisions()
        let key = revision + Self.describing(resolved)
        let problems: [String]
        if let known = index.verdict(for: name, key: key) {
            problems = known
        } else {
            let check = SiblingDeclarations(own: own, environment: name, cluster: environment.cluster.description)
            var found: [String] = []
            for sibling in siblings.besides(name) {
                guard let theirRevision = resolved[sibling.ref ?? ""] ?? nil else { continue }
                let other = EnvironmentReconciler(environment: sibling, source: source, cluster: cluster, options: options)
                let theirs = await index.declared(by: sibling.name, at: theirRevision) {
                    try? await other.desiredObjects(revision: theirRevision).sources
                }
                if let theirs { found += check.overlaps(with: sibling.name, declaring: theirs) }
            }
            index.remember(found, for: name, key: key)
            problems = found
        }
        if let first = problems.first {
            throw ReconcileError.render(first + (problems.count > 1 ? " (and \(problems.count - 1) more objects)" : ""))
        }
    }

    /// The commit each ref the siblings follow points at (`nil`: it cannot be resolved), by ref
    /// (`""`: the default branch).
    func siblingRevisions() async -> [String: String?] {
        var resolved: [String: String?] = [:]
        for ref in siblings.refs { resolved[ref ?? ""] = try? await source.resolve(ref) }
        return resolved
    }

    /// ` main=1a2b…`: sibling revisions as one comparable string.
    static func describing(_ siblingRevisions: [String: String?]) -> String {
        siblingRevisions.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value ?? "-")" }.joined()
    }

    /// What a poll at `target` reads, when it can be known unchanged later (`settled`): only
    /// through a live cache that watches the history's ConfigMaps, with others' claims read
    /// once for the cluster.
    func settledInputs(target: String) async -> SettledEnvironment.Inputs? {
        guard settled != nil, let publishedClaims, let cache = (cluster as? CachedClusterClient)?.cache,
              cache.existingInformer(for: History.configMapType) != nil
        else { return nil }
        let live = cache.changes.stamp(environment: name)
        let claims = await publishedClaims.generation(reading: cluster)
        let siblings = self.siblings.hasAny(besides: name) ? Self.describing(await siblingRevisions()) : ""
        return SettledEnvironment.Inputs(target: target, live: live, claims: claims, siblingRevisions: siblings)
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
