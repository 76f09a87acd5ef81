import Foundation
import Manifests
import Reconciler
import Synchronization
import TestSupport
import Testing

/// Passes of `mooring run` over environments that did not change (issue 14: "a pass's cost does
/// not grow with unchanged environments"): wired as `run` wires them (live cache, diff memo,
/// shared claims and siblings, a Lease held until released), an environment found Synced and
/// Healthy is answered from its last pass while nothing it reads changed; drift in one of them,
/// a new commit or a changed input makes that environment's next pass a full one.
@Suite(.serialized) struct SettledPassTests {
    /// Two environments of three objects each: a Namespace, a ConfigMap and a Deployment.
    static func environments() throws -> String {
        let root = TemporaryFolder.make("settled-environments")
        for name in ["alpha", "beta"] {
            let folder = root + "/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(Self.manifests(namespace: "settled-\(name)", level: "info").utf8).write(to: URL(fileURLWithPath: folder + "/app.yaml"))
        }
        return root
    }

    static func manifests(namespace: String, level: String) -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: \(namespace)
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: \(namespace)
        data:
          LOG_LEVEL: \(level)
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: \(namespace)
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27

        """
    }

    /// The environments' reconcilers wired as `mooring run` wires them.
    struct Wired {
        let cache: LiveCache
        let reconcilers: [String: EnvironmentReconciler]

        init(_ world: Harness, selfHeal: Bool) {
            let configurations = ["alpha", "beta"].map { Harness.environment($0, selfHeal: selfHeal) }
            cache = LiveCache(client: world.client.client)
            let claims = PublishedClaims(), siblings = SiblingEnvironments(configurations), declarations = DeclarationIndex()
            var reconcilers: [String: EnvironmentReconciler] = [:]
            for configuration in configurations {
                var reconciler = world.reconciler(configuration, cluster: CachedClusterClient(world.client, cache: cache))
                reconciler.diffMemo = DiffMemo()
                reconciler.settled = SettledEnvironment()
                reconciler.publishedClaims = claims
                reconciler.siblings = siblings
                reconciler.declarations = declarations
                reconciler.lock = EnvironmentLock(environment: configuration, cluster: world.client, tenure: .untilReleased)
                reconcilers[configuration.name] = reconciler
            }
            self.reconcilers = reconcilers
        }

        /// One pass of `name`; whether it was answered without reading anything again.
        func pass(_ name: String) async throws -> (outcome: ReconcileOutcome, settled: Bool) {
            var reconciler = reconcilers[name]!
            let said = Mutex<[String]>([])
            reconciler.progress = SyncProgress { line in said.withLock { $0.append(line) } }
            let outcome = try await reconciler.reconcile()
            let lines = said.withLock { $0 }
            return (outcome, lines.contains { $0.contains("not read again") } && !lines.contains { $0.contains("rendering") })
        }

        /// Passes `name` until a pass is answered from the last one (the first passes' own
        /// writes and the controllers' status updates arrive as watch events meanwhile).
        func settle(_ name: String) async throws -> ReconcileOutcome? {
            var settled: ReconcileOutcome?
            _ = try await eventually(timeout: .seconds(60)) {
                let (outcome, answered) = try await pass(name)
                if answered { settled = outcome }
                return answered
            }
            return settled
        }

        func stop() async {
            for reconciler in reconcilers.values { await reconciler.releaseLease() }
            await cache.stop()
        }
    }

    @Test func anUnchangedEnvironmentIsNotReadAgainAndAnswersAsAFullPassWould() async throws {
        try await withHarness(environments: try Self.environments()) { world in
            let wired = Wired(world, selfHeal: true)
            defer { Task { await wired.stop() } }
            let head = try await world.repository.git("rev-parse", "HEAD")
            try await world.source.fetch()
            let first = try await wired.pass("alpha")
            #expect(!first.settled, "the first pass applies")
            #expect(first.outcome.isSyncedAndHealthy, "\(first.outcome.message)")
            // A full look that finds it up to date, then passes answered from it.
            var full: ReconcileOutcome?
            #expect(try await eventually(timeout: .seconds(60)) {
                let (outcome, settled) = try await wired.pass("alpha")
                if !settled { full = outcome }
                return settled && full != nil
            })
            let again = try await wired.pass("alpha")
            #expect(again.settled, "nothing changed: not rendered, not diffed")
            let reference = try #require(full)
            #expect(reference.decision == .upToDate(revision: head))
            #expect(again.outcome.decision == reference.decision)
            #expect(again.outcome.revision == head && again.outcome.targetRevision == head)
            #expect(again.outcome.message == reference.message)
            #expect(again.outcome.health.status == .healthy && again.outcome.isSyncedAndHealthy)
            #expect(again.outcome.diff.objects.map(\.identity) == reference.diff.objects.map(\.identity))
            #expect(again.outcome.previousRevision == reference.previousRevision)
            #expect(try await world.history("alpha").records.count == 1, "an answered pass records nothing")
        }
    }

    @Test func driftInOneEnvironmentIsHealedWhileTheOtherStaysAnswered() async throws {
        try await withHarness(environments: try Self.environments()) { world in
            let wired = Wired(world, selfHeal: true)
            defer { Task { await wired.stop() } }
            try await world.source.fetch()
            for name in ["alpha", "beta"] { _ = try await wired.pass(name) }
            #expect(try await wired.settle("alpha") != nil)
            #expect(try await wired.settle("beta") != nil)

            let scaled = try await world.kubectl("scale", "deployment/web", "-n", "settled-beta", "--replicas=3")
            #expect(scaled.status == 0, "\(scaled.stderr)")
            // Once the cache saw the scale, beta's pass is a full one that heals it.
            var healed: ReconcileOutcome?
            #expect(try await eventually(timeout: .seconds(60)) {
                let (outcome, settled) = try await wired.pass("beta")
                if !settled, outcome.decision == .selfHeal(revision: outcome.revision) { healed = outcome }
                return healed != nil
            })
            let replicas = try await world.live("Deployment", "apps/v1", namespace: "settled-beta", name: "web")?[path: ["spec", "replicas"]]
            #expect(replicas?.intValue == 1, "put back by the self-heal")
            #expect(try await world.history("beta").latest?.operation == .selfHeal)
            #expect(try await wired.pass("alpha").settled, "alpha changed nothing: still answered from its last pass")
            #expect(try await wired.settle("beta")?.isSyncedAndHealthy == true, "beta settles again")
        }
    }

    @Test func aNewCommitIsReadInFullAndTheRevisionAdvancesEvenWhereNothingChanged() async throws {
        try await withHarness(environments: try Self.environments()) { world in
            let wired = Wired(world, selfHeal: false)
            defer { Task { await wired.stop() } }
            try await world.source.fetch()
            for name in ["alpha", "beta"] {
                _ = try await wired.pass(name)
                #expect(try await wired.settle(name) != nil)
            }
            // Alpha's ConfigMap changes; beta's files do not.
            let next = try await world.repository.commit("alpha logs debug", files: [
                "environments/alpha/app.yaml": Self.manifests(namespace: "settled-alpha", level: "debug"),
            ])
            try await world.source.fetch()
            let alpha = try await wired.pass("alpha")
            #expect(!alpha.settled && alpha.outcome.revision == next)
            #expect(alpha.outcome.changeSet?.entries.isEmpty == false, "alpha's change is applied")
            let level = try await world.live("ConfigMap", "v1", namespace: "settled-alpha", name: "settings")?[path: ["data", "LOG_LEVEL"]]
            #expect(level?.stringValue == "debug")
            let beta = try await wired.pass("beta")
            #expect(!beta.settled, "a new commit is a new revision: read in full")
            #expect(beta.outcome.revision == next && beta.outcome.isSyncedAndHealthy, "\(beta.outcome.message)")
            #expect(try await world.history("beta").latest?.revision == next, "the history says beta is at the new commit")
            let settledBeta = try #require(try await wired.settle("beta"))
            #expect(settledBeta.revision == next && settledBeta.targetRevision == next)
            #expect(try await wired.settle("alpha")?.revision == next)
        }
    }
}
