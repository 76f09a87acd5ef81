import Foundation
import Manifests
import Testing
@testable import Reconciler

/// The pure half of sync hooks: annotations read as Argo CD and Helm read them (gitops-engine
/// `pkg/sync/hook`), the split off the desired state, per-operation names, and completion.
@Suite struct HookPlanningTests {
    func job(_ name: String? = "smoke", generateName: String? = nil, annotations: [String: String] = [:]) -> JSON {
        var object: JSON = ["apiVersion": "batch/v1", "kind": "Job", "metadata": [:],
                            "spec": ["template": ["spec": ["restartPolicy": "Never", "containers": [["name": "t", "image": "busybox"]]]]]]
        if let name { object[path: ["metadata", "name"]] = .string(name) }
        if let generateName { object[path: ["metadata", "generateName"]] = .string(generateName) }
        for (key, value) in annotations { object[path: ["metadata", "annotations", key]] = .string(value) }
        return object
    }

    @Test func mooringArgoAndHelmAnnotationsName() throws {
        #expect(try HookRole.of(job()) == .resource)
        #expect(try HookRole.of(job(annotations: ["mooring.dev/hook": "PostSync"])) == .hook(HookSpec(phases: [.postSync])))
        #expect(try HookRole.of(job(annotations: ["argocd.argoproj.io/hook": "PreSync, PostSync"]))
                == .hook(HookSpec(phases: [.preSync, .postSync])))
        // mooring's own annotation wins over Argo CD's.
        #expect(try HookRole.of(job(annotations: ["mooring.dev/hook": "SyncFail", "argocd.argoproj.io/hook": "PreSync"]))
                == .hook(HookSpec(phases: [.syncFail])))
        #expect(try HookRole.of(job(annotations: ["argocd.argoproj.io/hook": "Skip"])) == .skip)
        // Helm: post-install/post-upgrade and `helm test` are PostSync, pre-* PreSync; the weight is the wave.
        #expect(try HookRole.of(job(annotations: ["helm.sh/hook": "post-install,post-upgrade", "helm.sh/hook-weight": "-5",
                                                  "helm.sh/hook-delete-policy": "hook-succeeded"]))
                == .hook(HookSpec(phases: [.postSync], deletePolicies: [.hookSucceeded], wave: -5)))
        #expect(try HookRole.of(job(annotations: ["helm.sh/hook": "test"])) == .hook(HookSpec(phases: [.postSync])))
        #expect(try HookRole.of(job(annotations: ["helm.sh/hook": "pre-upgrade"])) == .hook(HookSpec(phases: [.preSync])))
        // A Helm event no sync has: a hook that never runs (kept out of the desired state, as Argo CD does).
        #expect(try HookRole.of(job(annotations: ["helm.sh/hook": "pre-delete"])) == .hook(HookSpec(phases: [])))
        // Argo CD ignores Helm's annotations once its own is there.
        #expect(try HookRole.of(job(annotations: ["argocd.argoproj.io/hook": "Sync", "helm.sh/hook": "pre-install"]))
                == .hook(HookSpec(phases: [.sync])))
    }

    @Test func deletePoliciesDefaultToBeforeHookCreationAsInArgoCD() throws {
        guard case .hook(let spec) = try HookRole.of(job(annotations: ["mooring.dev/hook": "PreSync"])) else { Issue.record(); return }
        #expect(spec.deletePolicies == [.beforeHookCreation])
        guard case .hook(let both) = try HookRole.of(job(annotations: [
            "argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded,HookFailed",
            "mooring.dev/sync-wave": "3"])) else { Issue.record(); return }
        #expect(both.deletePolicies == [.hookSucceeded, .hookFailed])
        #expect(both.wave == 3)
    }

    @Test func typosAreErrorsWithASuggestion() {
        #expect(throws: HookError.unknownPhase(annotation: "mooring.dev/hook", value: "PostSynk", suggestion: "PostSync")) {
            try HookRole.of(job(annotations: ["mooring.dev/hook": "PostSynk"]))
        }
        #expect(throws: HookError.unknownDeletePolicy(annotation: "argocd.argoproj.io/hook-delete-policy", value: "HookSucceded",
                                                      suggestion: "HookSucceeded")) {
            try HookRole.of(job(annotations: ["argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "HookSucceded"]))
        }
    }

    func rendered(_ objects: [JSON]) -> RenderedEnvironment {
        RenderedEnvironment(objects: objects.enumerated().map { index, object in
            let name = object[path: ["metadata", "name"]]?.stringValue ?? object[path: ["metadata", "generateName"]]!.stringValue!
            return RenderedObject(identity: ObjectIdentity(type: GroupVersionKind(group: "batch", version: "v1", kind: "Job"), namespace: "web", name: name),
                                  object: object, source: SourceLocation(file: "environments/develop/jobs.yaml", line: 1 + 10 * index))
        }, warnings: [])
    }

    @Test func selectionSplitsHooksAndSkippedObjectsOffTheDesiredState() throws {
        let selection = try HookSelection(rendered([
            job("migrate", annotations: ["mooring.dev/hook": "PreSync"]),
            job(nil, generateName: "smoke-", annotations: ["argocd.argoproj.io/hook": "PostSync"]),
            job("nightly"),
            job("manual", annotations: ["argocd.argoproj.io/hook": "Skip"]),
        ]))
        #expect(selection.resources.objects.map(\.identity.name) == ["nightly"])
        #expect(selection.skipped.map(\.identity.name) == ["manual"])
        #expect(selection.hooks.map(\.naming) == [.fixed("migrate"), .generated(prefix: "smoke-")])
        #expect(selection.hooks[1].object[path: ["metadata", "name"]] == "smoke-")
        #expect(selection.hooks[1].object[path: ["metadata", "generateName"]] == nil)

        #expect(throws: ReconcileError.plan("environments/develop/jobs.yaml:1: Job.batch web/report-: " + HookError.generatedNameNeedsHook(prefix: "report-").description)) {
            try HookSelection(rendered([job(nil, generateName: "report-")]))
        }
    }

    @Test func plannerNamesGeneratedHooksPerOperationAndLabelsThem() throws {
        let selection = try HookSelection(rendered([
            job(nil, generateName: "smoke-", annotations: ["mooring.dev/hook": "PreSync,PostSync", "mooring.dev/sync-wave": "2"]),
            job("migrate", annotations: ["mooring.dev/hook": "PreSync", "mooring.dev/sync-wave": "-1"]),
        ]))
        let operation = OperationID(number: 12, revision: "1a2b3c4d5e6f")
        let plan = HookPlanner.plan(selection.hooks, operation: operation)
        #expect(plan.tasks.map(\.identity.name) == ["smoke-1a2b3c4-presync-12", "smoke-1a2b3c4-postsync-12", "migrate"])
        #expect(plan.waves(of: .preSync).map(\.wave) == [-1, 2])
        #expect(plan.waves(of: .postSync).map { $0.tasks.map(\.identity.name) } == [["smoke-1a2b3c4-postsync-12"]])
        let smoke = plan.tasks[0].object
        #expect(smoke[path: ["metadata", "labels", "mooring.dev/hook-operation"]] == "12-1a2b3c4")
        #expect(smoke[path: ["metadata", "annotations", "mooring.dev/hook-name"]] == "smoke-")
        #expect(smoke[path: ["metadata", "annotations", "mooring.dev/hook-phase"]] == "PreSync")
        #expect(HookPlanner.isHook(smoke) && !HookPlanner.isHook(job()))

        // The next operation's number follows the history: a restarted reconciler arrives at the same one.
        var history = History(environment: "develop")
        history.append(HistoryRecord(revision: "a", time: Date(), operation: .sync, result: .succeeded, health: .healthy))
        #expect(OperationID(after: history, revision: "1a2b3c4d").description == "2-1a2b3c4")
    }

    @Test func completionOfJobsPodsAndOtherKinds() throws {
        var failed = job()
        failed["status"] = ["conditions": [["type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                                            "message": "Job has reached the specified backoff limit"]]]
        #expect(HookCompletion.of(failed) == .failed("BackoffLimitExceeded: Job has reached the specified backoff limit"))
        var complete = job()
        complete["status"] = ["succeeded": 1, "conditions": [["type": "Complete", "status": "True"]]]
        #expect(HookCompletion.of(complete) == .succeeded("Job completed (1 succeeded)"))
        if case .running = HookCompletion.of(job()) {} else { Issue.record("a Job without conditions runs") }

        let pod: JSON = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"],
                         "status": ["phase": "Failed", "containerStatuses": [
                            ["name": "curl", "state": ["terminated": ["exitCode": 22, "reason": "Error", "message": "HTTP 500 from /admin/login/"]]]]]]
        #expect(HookCompletion.of(pod) == .failed("curl: HTTP 500 from /admin/login/"))
        let configMap: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"]]
        if case .succeeded = HookCompletion.of(configMap) {} else { Issue.record("a ConfigMap hook is done once it exists") }
    }

    @Test func hookResultsSurviveTheHistoryRecord() throws {
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        let hook = HookResult(phase: .postSync, identity: ObjectIdentity(type: GroupVersionKind(group: "batch", version: "", kind: "Job"), namespace: "web", name: "smoke"),
                              status: .failed, message: "BackoffLimitExceeded", startedAt: started, finishedAt: started.addingTimeInterval(12.25), deleted: true)
        let record = HistoryRecord(id: 3, revision: "abc", time: started, operation: .sync, result: .failed, health: .degraded, hooks: [hook])
        let read = try HistoryRecord(json: try JSON(parsing: Array(record.json.serialized().utf8)))
        #expect(read.hooks == [hook])
        #expect(hook.description == "PostSync Job.batch web/smoke Failed after 12s: BackoffLimitExceeded (deleted)")
    }
}
