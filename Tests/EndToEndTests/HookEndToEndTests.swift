import Foundation
import Manifests
import Notify
import Reconciler
import TestSupport
import Testing

/// Sync hooks end to end: the config repository over `git daemon`, the embedded cluster's Job
/// controller running the hook Jobs (`sleep N` takes time, `exit N` and `*:fails` images fail
/// with BackoffLimitExceeded), the reconciler wired as `mooring run` wires it.
@Suite struct HookEndToEndTests {
    /// A hook Job in `namespace`, in Argo CD's shape (argo-cd docs/user-guide/resource_hooks.md).
    static func job(_ name: String, generateName: Bool = false, phase: String, command: String = "true",
                    image: String = "busybox:1.36", policy: String? = nil, wave: Int? = nil,
                    namespace: String = "django-develop", annotation: String = "mooring.dev/hook") -> String {
        var annotations = "    \(annotation): \(phase)\n"
        if let policy { annotations += "    argocd.argoproj.io/hook-delete-policy: \(policy)\n" }
        if let wave { annotations += "    mooring.dev/sync-wave: \"\(wave)\"\n" }
        return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          \(generateName ? "generateName" : "name"): \(name)
          namespace: \(namespace)
          annotations:
        \(annotations)spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: run
                  image: \(image)
                  command: ["sh", "-c", "\(command)"]

        """
    }

    static func settings(debug: String, in repository: ConfigRepository, environment: String = "develop") throws -> String {
        let file = try repository.read("environments/\(environment)/configmap.yaml")
        return file.replacingOccurrences(of: #"DEBUG: "True""#, with: #"DEBUG: "\#(debug)""#)
            .replacingOccurrences(of: #"DEBUG: "False""#, with: #"DEBUG: "\#(debug)""#)
    }

    func liveJob(_ world: Harness, _ name: String, namespace: String = "django-develop") async throws -> JSON? {
        try await world.live("Job", "batch/v1", namespace: namespace, name: name)
    }

    func debug(_ world: Harness, namespace: String = "django-develop") async throws -> String? {
        try await world.live("ConfigMap", "v1", namespace: namespace, name: "django-settings")?[path: ["data", "DEBUG"]]?.stringValue
    }

    @Test func preSyncRunsBeforeTheApplyPostSyncAfterHealthAndHooksAreNeverDriftOrPruned() async throws {
        try await withHarness { world in
            let revision = try await world.repository.commit("Add a migration and a smoke test", files: [
                "environments/develop/hooks/migrate.yaml": Self.job("migrate", phase: "PreSync", command: "sleep 150"),
                "environments/develop/hooks/warm.yaml": Self.job("warm-cache", phase: "Sync", annotation: "argocd.argoproj.io/hook"),
                "environments/develop/hooks/smoke.yaml": Self.job("smoke-", generateName: true, phase: "PostSync",
                                                                  command: "curl -fsS http://django-admin/admin/login/"),
            ])
            let develop = world.reconciler(Harness.environment("develop"))
            let outcome = try await world.poll(develop)
            #expect(outcome.isSyncedAndHealthy, "\(outcome.message)")
            let hooks = try #require(outcome.changeSet?.hooks)
            #expect(hooks.map(\.phase) == [.preSync, .sync, .postSync], "\(hooks)")
            #expect(hooks.allSatisfy { $0.status == .succeeded }, "\(hooks)")
            #expect(hooks.last?.identity.name == "smoke-\(revision.prefix(7))-postsync-1")
            #expect(hooks[0].duration >= 1.0, "sleep 150 at time scale 100 takes 1.5 s: \(hooks[0])")

            // PreSync finished before anything else was created; PostSync started after health.
            let migrate = try #require(try await liveJob(world, "migrate"))
            let completed = try #require(migrate[path: ["status", "completionTime"]]?.stringValue)
            let deployment = try #require(try await world.live("Deployment", "apps/v1", namespace: "django-develop", name: "django-admin"))
            let created = try #require(deployment[path: ["metadata", "creationTimestamp"]]?.stringValue)
            #expect(completed <= created, "PreSync completed at \(completed), the Deployment was created at \(created)")
            #expect(hooks[2].startedAt >= hooks[0].finishedAt)

            // The history keeps them; no hook is an object of the change set, the diff or the prune.
            let record = try #require(try await world.history("develop").latest)
            #expect(record.hooks.map(\.identity.name) == ["migrate", "warm-cache", "smoke-\(revision.prefix(7))-postsync-1"])
            #expect(outcome.changeSet?.entries.contains { $0.identity.kind == "Job" } == false)
            #expect(try await develop.diff().isSynced, "live hook Jobs are not drift")
            let again = try await world.poll(develop)
            #expect(again.decision == .upToDate(revision: revision) && again.changeSet == nil, "\(again.decision)")

            // A revision whose only change is a hook is not OutOfSync; removing hooks prunes nothing.
            try await world.repository.commit("Smoke-test the login page longer", files: [
                "environments/develop/hooks/smoke.yaml": Self.job("smoke-", generateName: true, phase: "PostSync", command: "sleep 5; curl -fsS http://django-admin/"),
            ])
            try await world.source.fetch()
            #expect(try await develop.diff().isSynced)
            try await world.repository.commit("Drop the hooks", files: [
                "environments/develop/hooks/migrate.yaml": nil, "environments/develop/hooks/warm.yaml": nil,
                "environments/develop/hooks/smoke.yaml": nil,
            ])
            let dropped = try await world.poll(develop)
            #expect(dropped.isSyncedAndHealthy, "\(dropped.message)")
            #expect(dropped.changeSet?.count(.pruned) == 0)
            #expect(try await liveJob(world, "migrate") != nil, "hooks are not pruned")
        }
    }

    @Test func failedPreSyncAppliesNothingAndRunsSyncFail() async throws {
        try await withHarness { world in
            let develop = world.reconciler(Harness.environment("develop"))
            #expect(try await world.poll(develop).isSyncedAndHealthy)

            try await world.repository.commit("Turn debug off behind a migration that fails", files: [
                "environments/develop/configmap.yaml": try Self.settings(debug: "False", in: world.repository),
                "environments/develop/hooks/migrate.yaml": Self.job("migrate", phase: "PreSync", command: "exit 3", policy: "HookFailed"),
                "environments/develop/hooks/page.yaml": Self.job("page-oncall", phase: "SyncFail"),
            ])
            let outcome = try await world.poll(develop)
            #expect(!outcome.isSynced)
            #expect(try await debug(world) == "True", "nothing of the revision is applied")
            let hooks = try #require(outcome.changeSet?.hooks)
            #expect(hooks.map(\.phase) == [.preSync, .syncFail], "\(hooks)")
            #expect(hooks[0].status == .failed && hooks[0].message.hasPrefix("BackoffLimitExceeded"), "\(hooks[0])")
            #expect(hooks[0].deleted, "HookFailed deletes the failed hook")
            #expect(try await liveJob(world, "migrate") == nil)
            #expect(hooks[1].status == .succeeded, "SyncFail runs when the sync fails: \(hooks[1])")
            #expect(outcome.remarks.contains { if case .hookFailed(let hook) = $0 { hook.phase == .preSync } else { false } }, "\(outcome.remarks)")
            #expect(outcome.changeSet?.entries(.failed).map(\.identity.name) == ["django-settings"])
            let record = try #require(try await world.history("develop").latest)
            #expect(record.result == .failed && record.hooks.count == 2)
            #expect(record.message.contains("PreSync hook Job.batch django-develop/migrate failed: BackoffLimitExceeded"), "\(record.message)")
        }
    }

    @Test func failedPostSyncTestRollsTheReleaseBackAndRevertsInGit() async throws {
        try await withHarness { world in
            let master = world.reconciler(Harness.environment("master", rollbackOnFailure: true, revertInGit: true))
            let good = try await world.poll(master)
            #expect(good.isSyncedAndHealthy, "\(good.message)")

            let bad = try await world.repository.commit("Turn debug on, with a smoke test that fails", files: [
                "environments/master/configmap.yaml": try Self.settings(debug: "True", in: world.repository, environment: "master"),
                "environments/master/smoke.yaml": Self.job("smoke-test", phase: "PostSync", image: "curlimages/curl:fails", namespace: "django-master"),
            ])
            let outcome = try await world.poll(master)
            #expect(outcome.autoRollback != nil, "\(outcome.message)")
            #expect(outcome.revision == good.revision)
            #expect(outcome.record?.health == .degraded && outcome.record?.result == .failed)
            #expect(outcome.remarks.contains { if case .hookFailed(let hook) = $0 { hook.phase == .postSync } else { false } }, "\(outcome.remarks)")
            #expect(try await debug(world, namespace: "django-master") == "False", "the release is rolled back")
            let records = try await world.history("master").records
            #expect(records.suffix(2).map(\.operation) == [.sync, .autoRollback])
            #expect(records.dropLast().last?.hooks.first?.message.hasPrefix("BackoffLimitExceeded") == true)
            // The auto-rollback's notification gives the failed smoke test as its reason.
            let told = NotificationEvent(.init(.autoRollback, aboutAutoRollback: true), outcome: outcome, scrubber: .none)
            #expect(told.failing.first?.object == "Job.batch django-master/smoke-test", "\(told.failing)")
            #expect(told.failing.first?.status == "PostSync hook Failed")
            #expect(told.summary.contains("PostSync hook Failed: Job.batch django-master/smoke-test: BackoffLimitExceeded"), "\(told.summary)")
            let revert = try #require(outcome.revertCommit)
            try await world.repository.pull()
            #expect(try await world.repository.headMessage().contains("This reverts commit \(bad)"))
            #expect(!FileManager.default.fileExists(atPath: world.repository.work + "/environments/master/smoke.yaml"))
            let next = try await world.poll(master)
            #expect(next.revision == revert && next.isSyncedAndHealthy, "\(next.message)")
        }
    }

    @Test func fixedNamesRunAgainEachOperationAndDeletePoliciesHold() async throws {
        try await withHarness { world in
            let develop = world.reconciler(Harness.environment("develop"))
            let hooks: [String: String?] = [
                "environments/develop/hooks/migrate.yaml": Self.job("migrate", phase: "PreSync"),
                "environments/develop/hooks/cleanup.yaml": Self.job("cleanup", phase: "PostSync", policy: "HookSucceeded"),
                "environments/develop/hooks/smoke.yaml": Self.job("smoke-", generateName: true, phase: "PostSync"),
                "environments/develop/hooks/report.yaml": Self.job("report-", generateName: true, phase: "PostSync", policy: "HookFailed"),
            ]
            let first = try await world.repository.commit("Hooks", files: hooks)
            let one = try await world.poll(develop)
            #expect(one.isSyncedAndHealthy, "\(one.message)")
            let uid = try #require(try await liveJob(world, "migrate")?[path: ["metadata", "uid"]]?.stringValue)
            #expect(try await liveJob(world, "cleanup") == nil, "HookSucceeded deletes a hook that succeeded")
            #expect(one.changeSet?.hooks.first { $0.identity.name == "cleanup" }?.deleted == true)

            let second = try await world.repository.commit("Turn debug off", files: [
                "environments/develop/configmap.yaml": try Self.settings(debug: "False", in: world.repository),
            ])
            let two = try await world.poll(develop)
            #expect(two.isSyncedAndHealthy, "\(two.message)")
            #expect(two.changeSet?.hooks.filter { $0.status == .succeeded }.count == 4)
            let again = try #require(try await liveJob(world, "migrate"))
            #expect(again[path: ["metadata", "uid"]]?.stringValue != uid, "a fixed-name hook is deleted and created again")
            #expect(again[path: ["metadata", "labels", "mooring.dev/hook-operation"]]?.stringValue == "2-\(second.prefix(7))")
            // BeforeHookCreation (the default) removes the earlier generated instance; HookFailed alone keeps it.
            #expect(try await liveJob(world, "smoke-\(first.prefix(7))-postsync-1") == nil)
            #expect(try await liveJob(world, "smoke-\(second.prefix(7))-postsync-2") != nil)
            #expect(try await liveJob(world, "report-\(first.prefix(7))-postsync-1") != nil)
            #expect(try await liveJob(world, "report-\(second.prefix(7))-postsync-2") != nil)
        }
    }
}
