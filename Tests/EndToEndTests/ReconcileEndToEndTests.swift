import Foundation
import KubeAPI
import Manifests
import Reconciler
import TestSupport
import Testing

/// The reconciler end to end: a config repository served by `git daemon`, the embedded cluster
/// over HTTP, the real kubectl for hand-made drift.
@Suite struct ReconcileEndToEndTests {
    static let masterImage = "ghcr.io/mooring-demo/django-admin@sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c"

    /// master's deployment.yaml with another image.
    static func masterDeployment(image: String, in repository: ConfigRepository) throws -> String {
        try repository.read("environments/master/deployment.yaml").replacingOccurrences(of: masterImage, with: image)
    }

    static func image(of deployment: JSON?) -> String? {
        deployment?[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }

    func masterDeployment(_ world: Harness) async throws -> JSON? {
        try await world.live("Deployment", "apps/v1", namespace: "django-master", name: "django-admin")
    }

    @Test func firstSyncOfBothSampleEnvironments() async throws {
        try await withHarness { world in
            let reconcilers = [world.reconciler(Harness.environment("develop")), world.reconciler(Harness.environment("master"))]
            let results = await Poller(source: world.source, reconcilers: reconcilers, schedule: PollSchedule(interval: .seconds(1))).pass()
            for result in results {
                let outcome = try result.outcome.get()
                #expect(outcome.isSyncedAndHealthy, "\(outcome.environment): \(outcome.message) \(outcome.health)")
                #expect(outcome.changeSet?.count(.created) == 6)
                let history = try await world.history(outcome.environment)
                #expect(history.records.count == 1)
                #expect(history.latest?.operation == .sync)
                #expect(history.latest?.health == .healthy)
                #expect(history.latest?.revision == outcome.revision)
            }
            let pods = try await world.kubectl("get", "deployment", "django-admin", "-n", "django-develop", "-o", "jsonpath={.metadata.labels.mooring\\.dev/environment}")
            #expect(pods.stdout == "develop")

            // Nothing changed: the next poll sends no PATCH.
            let counting = CountingClusterClient(world.client)
            let again = try await world.poll(world.reconciler(Harness.environment("master"), cluster: counting))
            #expect(again.decision == .upToDate(revision: again.revision))
            #expect(counting.counts.applies == 0 && counting.counts.dryRunApplies == 0, "\(counting.counts)")
        }
    }

    @Test func promotionIsAppliedAndItsRevertRecordedAsARollback() async throws {
        try await withHarness { world in
            let master = world.reconciler(Harness.environment("master"))
            let first = try await world.poll(master)
            #expect(first.isSyncedAndHealthy, "\(first.message)")

            let promotion = try await world.repository.commit("Promote 4.2.17 to master", files: [
                "environments/master/deployment.yaml": try Self.masterDeployment(image: "ghcr.io/mooring-demo/django-admin:4.2.17", in: world.repository),
            ])
            let promoted = try await world.poll(master)
            #expect(promoted.revision == promotion)
            #expect(promoted.isSyncedAndHealthy, "\(promoted.message)")
            #expect(promoted.changeSet?.entries(.configured).map(\.identity.kind) == ["Deployment"])
            #expect(Self.image(of: try await masterDeployment(world)) == "ghcr.io/mooring-demo/django-admin:4.2.17")
            #expect(try await world.history("master").latest?.operation == .sync)

            let revert = try await world.repository.revert(promotion)
            let reverted = try await world.poll(master)
            #expect(reverted.revision == revert)
            #expect(reverted.rollback?.from.hasPrefix(String(promotion.prefix(7))) == true, "\(String(describing: reverted.rollback))")
            #expect(Self.image(of: try await masterDeployment(world)) == Self.masterImage)
            let record = try #require(try await world.history("master").latest)
            #expect(record.operation == .rollback)
            #expect(record.rolledBackFrom.map { promotion.hasPrefix($0) } == true)
            #expect(record.message.contains("rollback of \(promotion.prefix(7))"))
        }
    }

    @Test func unpullableImageIsRolledBackAutomaticallyNotRetriedAndRevertedInGit() async throws {
        // At 100× the rollback's own rollout settles well inside the 20 s this test allows.
        try await withHarness(timeScale: 100) { world in
            let environment = Harness.environment("master", rollbackOnFailure: true, revertInGit: true)
            let master = world.reconciler(environment)
            let good = try await world.poll(master)
            #expect(good.isSyncedAndHealthy, "\(good.message)")

            let bad = try await world.repository.commit("Ship a broken image", files: [
                "environments/master/deployment.yaml": try Self.masterDeployment(image: "ghcr.io/mooring-demo/django-admin:broken", in: world.repository),
            ])
            let start = ContinuousClock.now
            let failed = try await world.poll(master)
            #expect(ContinuousClock.now - start < .seconds(20), "Degraded detected before the health timeout")
            #expect(failed.autoRollback != nil)
            #expect(failed.message.hasPrefix("Degraded: rolled back from \(bad.prefix(7)) to \(good.revision.prefix(7))"), "\(failed.message)")
            #expect(failed.revision == good.revision)
            #expect(Self.image(of: try await masterDeployment(world)) == Self.masterImage)
            let records = try await world.history("master").records
            #expect(records.suffix(2).map(\.operation) == [.sync, .autoRollback])
            #expect(records.last?.rolledBackFrom == bad)
            #expect(records.last?.rolledBackTo == good.revision)

            // The outcome says it in values, for reports to render without reading anything again:
            // the sync's health failure, the records as stored, both commits, the revert.
            let revertCommit = try #require(failed.revertCommit)
            #expect(failed.remarks.contains { if case .healthFailed(let failure) = $0 { failure.status == .degraded } else { false } },
                    "\(failed.remarks)")
            #expect(failed.record?.id == records.dropLast().last?.id && failed.record?.health == .degraded)
            #expect(failed.autoRollbackRecord?.id == records.last?.id)
            #expect(failed.autoRollbackRemarks.contains(.revertedInGit(revertCommit)), "\(failed.autoRollbackRemarks)")
            #expect(failed.commits[bad]?.message.hasPrefix("Ship a broken image") == true)
            #expect(failed.commits[good.revision] != nil)

            // The revert pushed to git: git matches the cluster again.
            try await world.repository.pull()
            #expect(try await world.repository.headMessage().contains("This reverts commit \(bad)"))
            #expect(try world.repository.read("environments/master/deployment.yaml").contains(Self.masterImage))

            // The next poll applies the revert commit (a rollback), never the bad revision again.
            let counting = CountingClusterClient(world.client)
            let next = try await world.poll(world.reconciler(environment, cluster: counting))
            #expect(next.revision == revertCommit)
            #expect(next.isSyncedAndHealthy, "\(next.message)")
            #expect(counting.counts.applies <= 2, "only the history ConfigMap (and its namespace check) is written: \(counting.counts)")
            #expect(Self.image(of: try await masterDeployment(world)) == Self.masterImage)
        }
    }

    @Test func failedRevisionIsNotRetriedWithoutRevertInGit() async throws {
        try await withHarness { world in
            let environment = Harness.environment("master", rollbackOnFailure: true)
            let master = world.reconciler(environment)
            let good = try await world.poll(master)
            let bad = try await world.repository.commit("Ship a broken image", files: [
                "environments/master/deployment.yaml": try Self.masterDeployment(image: "unreachable.invalid/django-admin:1", in: world.repository),
            ])
            let failed = try await world.poll(master)
            #expect(failed.autoRollback != nil, "\(failed.message)")

            let counting = CountingClusterClient(world.client)
            let next = try await world.poll(world.reconciler(environment, cluster: counting))
            #expect(next.targetRevision == bad)
            #expect(next.revision == good.revision)
            #expect(next.decision == .upToDate(revision: good.revision))
            #expect(counting.counts.applies == 0, "\(counting.counts)")
            #expect(Self.image(of: try await masterDeployment(world)) == Self.masterImage)
        }
    }

    @Test func scaleDriftIsReportedThenSelfHealed() async throws {
        try await withHarness { world in
            let reporting = world.reconciler(Harness.environment("master", selfHeal: false))
            #expect(try await world.poll(reporting).isSyncedAndHealthy)

            let scaled = try await world.kubectl("scale", "deployment/django-admin", "-n", "django-master", "--replicas=5")
            #expect(scaled.status == 0, "\(scaled.stderr)")
            let reported = try await world.poll(reporting)
            #expect(reported.decision == .reportDrift(revision: reported.revision, retryAt: nil))
            let drifted = try #require(reported.diff.outOfSync.first)
            #expect(drifted.identity.kind == "Deployment")
            #expect(drifted.changes.contains { $0.path.description == "spec.replicas" && $0.old == 5 && $0.new == 2 }, "\(drifted.changes)")
            #expect(try await masterDeployment(world)?[path: ["spec", "replicas"]] == 5)

            let healing = world.reconciler(Harness.environment("master", selfHeal: true))
            let healed = try await world.poll(healing)
            #expect(healed.decision == .selfHeal(revision: healed.revision))
            #expect(try await masterDeployment(world)?[path: ["spec", "replicas"]] == 2)
            #expect(try await world.history("master").latest?.operation == .selfHeal)
        }
    }

    @Test func deletedObjectIsSelfHealedThenBackedOffWhenTheDriftKeepsComingBack() async throws {
        try await withHarness { world in
            let develop = world.reconciler(Harness.environment("develop", selfHeal: true),
                                           backoff: SelfHealBackoff(base: .seconds(60), maximum: .seconds(300)))
            #expect(try await world.poll(develop).isSyncedAndHealthy)

            let deleted = try await world.kubectl("delete", "configmap", "django-settings", "-n", "django-develop")
            #expect(deleted.status == 0, "\(deleted.stderr)")
            let healed = try await world.poll(develop)
            #expect(healed.decision == .selfHeal(revision: healed.revision))
            #expect(healed.changeSet?.entries(.created).map(\.identity.name) == ["django-settings"])
            #expect(try await world.live("ConfigMap", "v1", namespace: "django-develop", name: "django-settings") != nil)

            // Something deletes it again at once: mooring reports it and backs off instead of fighting.
            _ = try await world.kubectl("delete", "configmap", "django-settings", "-n", "django-develop")
            let backedOff = try await world.poll(develop)
            guard case .reportDrift(_, let retryAt?) = backedOff.decision else {
                Issue.record("expected drift reported with a retry time, got \(backedOff.decision)")
                return
            }
            #expect(retryAt > Date())
            #expect(backedOff.message.contains("backing off"))
            #expect(backedOff.diff.toCreate.map(\.identity.name) == ["django-settings"])
            #expect(try await world.history("develop").records.map(\.operation) == [.sync, .selfHeal])
        }
    }

    @Test func removedFilesArePrunedProtectedOnesKeptAndAnEmptiedEnvironmentLeftAlone() async throws {
        try await withHarness { world in
            let develop = world.reconciler(Harness.environment("develop"))
            let protected = try world.repository.read("environments/develop/pvc.yaml")
                .replacingOccurrences(of: "  namespace: django-develop\n", with: "  namespace: django-develop\n  annotations:\n    mooring.dev/prune: \"false\"\n")
            try await world.repository.commit("Protect the data volume", files: ["environments/develop/pvc.yaml": protected])
            #expect(try await world.poll(develop).isSyncedAndHealthy)

            try await world.repository.commit("Drop the ingress and the volume", files: [
                "environments/develop/ingress.yaml": nil, "environments/develop/pvc.yaml": nil,
            ])
            let pruned = try await world.poll(develop)
            #expect(pruned.changeSet?.entries(.pruned).map(\.identity.kind) == ["Ingress"])
            #expect(pruned.changeSet?.entries(.kept).map(\.identity.kind) == ["PersistentVolumeClaim"])
            #expect(try await world.live("Ingress", "networking.k8s.io/v1", namespace: "django-develop", name: "django-admin") == nil)
            #expect(try await world.live("PersistentVolumeClaim", "v1", namespace: "django-develop", name: "django-data") != nil)

            let files = try FileManager.default.contentsOfDirectory(atPath: world.repository.work + "/environments/develop")
            // git keeps no empty folder: a README stays, the manifests go.
            var emptying = Dictionary(uniqueKeysWithValues: files.map { ("environments/develop/\($0)", String?.none) })
            emptying["environments/develop/README.md"] = "develop is paused\n"
            try await world.repository.commit("Empty develop", files: emptying)
            let emptied = try await world.poll(develop)
            #expect(emptied.changeSet?.count(.pruned) == 0)
            #expect(emptied.changeSet?.entries(.kept).contains { $0.message?.contains("allowEmpty") == true } == true)
            #expect(try await world.live("Deployment", "apps/v1", namespace: "django-develop", name: "django-admin") != nil)
        }
    }

    @Test func invalidYAMLAppliesNothingAndNamesFileAndLine() async throws {
        try await withHarness { world in
            let develop = world.reconciler(Harness.environment("develop"))
            #expect(try await world.poll(develop).isSyncedAndHealthy)
            let records = try await world.history("develop").records.count

            try await world.repository.commit("Break the YAML", files: [
                "environments/develop/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: django-settings\ndata:\n  DEBUG: \"False\n",
                "environments/develop/service.yaml": nil,
            ])
            do {
                _ = try await world.poll(develop)
                Issue.record("a revision with invalid YAML was reconciled")
            } catch let error as ReconcileError {
                guard case .render(let message) = error else { Issue.record("expected a render error, got \(error)"); return }
                #expect(message.contains("configmap.yaml:"), "\(message)")
            }
            #expect(try await world.history("develop").records.count == records)
            let settings = try await world.live("ConfigMap", "v1", namespace: "django-develop", name: "django-settings")
            #expect(settings?[path: ["data", "DEBUG"]] == "True")
            #expect(try await world.live("Service", "v1", namespace: "django-develop", name: "django-admin") != nil, "nothing pruned")
        }
    }

    @Test func unknownKindAppliesNothingAndNamesObjectAndFile() async throws {
        try await withHarness { world in
            let develop = world.reconciler(Harness.environment("develop"))
            #expect(try await world.poll(develop).isSyncedAndHealthy)
            try await world.repository.commit("Add a widget nobody defined", files: [
                "environments/develop/widget.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: django-develop\n",
                "environments/develop/ingress.yaml": nil,
            ])
            do {
                _ = try await world.poll(develop)
                Issue.record("a revision with an unknown kind was reconciled")
            } catch let error as ReconcileError {
                #expect("\(error)".contains("widget.yaml:1"), "\(error)")
                #expect("\(error)".contains("Widget.example.com django-develop/w: unknown kind"), "\(error)")
            }
            #expect(try await world.live("Ingress", "networking.k8s.io/v1", namespace: "django-develop", name: "django-admin") != nil, "nothing pruned")
        }
    }

    @Test func unreachableRepositoryOrClusterIsOneClearErrorPerEnvironment() async throws {
        try await withHarness { world in
            let reconcilers = [world.reconciler(Harness.environment("develop")), world.reconciler(Harness.environment("master"))]
            world.repository.stop()
            let results = await Poller(source: world.source, reconcilers: reconcilers, schedule: PollSchedule(interval: .seconds(1))).pass()
            for result in results {
                guard case .failure(.source(let message)) = result.outcome else { Issue.record("expected a source error: \(result.outcome)"); continue }
                #expect(message.contains("fetching the config repository failed"), "\(message)")
                #expect(message.contains("127.0.0.1:\(world.repository.port)"), "\(message)")
            }

            // An API server address nothing listens on.
            let nowhere = KubeClient(connection: ClusterConnection(server: "http://127.0.0.1:\(try LoopbackPort.free())"),
                                     options: KubeClientOptions(retryPolicy: RetryPolicy(maxAttempts: 2), requestTimeout: .seconds(2)))
            let offline = EnvironmentReconciler(environment: Harness.environment("develop"), source: world.source,
                                                cluster: KubeClusterClient(client: nowhere), options: Harness.options)
            do {
                _ = try await offline.reconcile()
                Issue.record("reconciled against a stopped cluster")
            } catch let error as ReconcileError {
                guard case .cluster(let message) = error else { Issue.record("expected a cluster error, got \(error)"); return }
                #expect(!message.contains("\n"))
            }
        }
    }

    @Test func apiServerFailingMidSyncIsRetriedWithoutPruningAndConvergesOnTheNextPoll() async throws {
        try await withHarness { world in
            let develop = world.reconciler(Harness.environment("develop"))
            #expect(try await world.poll(develop).isSyncedAndHealthy)

            let changed = try world.repository.read("environments/develop/configmap.yaml").replacingOccurrences(of: "DEBUG: \"True\"", with: "DEBUG: \"False\"")
            try await world.repository.commit("Turn debug off, drop the ingress", files: [
                "environments/develop/configmap.yaml": changed, "environments/develop/ingress.yaml": nil,
            ])
            // Every write to ConfigMaps fails for longer than the client's retries last.
            try await world.setFaults(#"{"rules":[{"verbs":["patch"],"pathPrefix":"/api/v1/namespaces/django-develop/configmaps","status":500,"count":20}]}"#)
            let failed = try await world.poll(develop)
            #expect(!failed.isSynced)
            #expect(failed.changeSet?.count(.failed) ?? 0 > 0)
            #expect(failed.changeSet?.count(.pruned) == 0)
            #expect(try await world.live("Ingress", "networking.k8s.io/v1", namespace: "django-develop", name: "django-admin") != nil, "nothing pruned after a failed apply")
            #expect(try await world.history("develop").latest?.result == .failed)

            try await world.setFaults(#"{"rules":[]}"#)
            let converged = try await world.poll(develop)
            #expect(converged.decision == .apply(revision: converged.revision, reason: .retry))
            #expect(converged.isSyncedAndHealthy, "\(converged.message)")
            #expect(try await world.live("Ingress", "networking.k8s.io/v1", namespace: "django-develop", name: "django-admin") == nil)
            #expect(try await world.live("ConfigMap", "v1", namespace: "django-develop", name: "django-settings")?[path: ["data", "DEBUG"]] == "False")
        }
    }

    @Test func restartedReconcilerPicksUpFromTheClustersHistory() async throws {
        try await withHarness { world in
            let environment = Harness.environment("master", rollbackOnFailure: true)
            let good = try await world.poll(world.reconciler(environment))
            let bad = try await world.repository.commit("Ship a broken image", files: [
                "environments/master/deployment.yaml": try Self.masterDeployment(image: "ghcr.io/mooring-demo/django-admin:broken", in: world.repository),
            ])
            _ = try await world.poll(world.reconciler(environment))

            // A new process: its own mirror, no memory but the cluster's history.
            let freshSource = try await Harness.openSource(world.repository, cache: world.folder + "/cache-restarted")
            let counting = CountingClusterClient(world.client)
            let restarted = world.reconciler(environment, cluster: counting, source: freshSource)
            let outcome = try await world.poll(restarted)
            #expect(outcome.targetRevision == bad)
            #expect(outcome.revision == good.revision, "holds the rolled-back-to revision")
            #expect(outcome.decision == .upToDate(revision: good.revision))
            #expect(counting.counts.applies == 0)
        }
    }
}
