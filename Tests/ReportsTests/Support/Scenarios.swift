import Foundation
import Manifests
import Reconciler
import Reports
import Testing

/// The report scenarios every format is checked against: created, configured, pruned, drifted,
/// rollback, secret change, promotion, and the history views.
enum Scenarios {
    static let revisionA = "a1b2c3d4e5f60718293a4b5c6d7e8f9011223344"
    static let revisionB = "b7e1f00d5eed1234567890abcdef0123456789ab"
    static let revisionC = "c0ffee1234567890abcdef1234567890abcdef12"

    static func time(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_000_000 + seconds) }

    static let commitB = CommitInfo(id: revisionB, author: "Ada Lovelace <ada@example.com>",
                                    summary: "Release 4.2.17 with three replicas\n\nLonger body that reports leave out.",
                                    time: time(-600))
    static let commitC = CommitInfo(id: revisionC, author: "Grace Hopper <grace@example.com>",
                                    summary: "Revert \"Release 4.2.17 with three replicas\"", time: time(-60))

    static let master = ScenarioBuilder(environment: "master", namespace: "shop")

    /// The application at revision A.
    static let filesA: [String: String] = [
        "namespace.yaml": """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            """,
        "configmap.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              DEBUG: "False"
              FEATURE_SEARCH: yes
              settings.ini: |
                [server]
                workers = 2
                timeout = 30
            """,
        "deployment.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: ghcr.io/mooring-demo/shop:4.2.16
                      ports: [{containerPort: 8000}]
                      resources:
                        requests: {cpu: 100m, memory: 128Mi}
                    - name: log-shipper
                      image: busybox
            """,
        "service.yaml": """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8000}]
            """,
    ]

    /// Revision B: a new release, one more replica, a tuned config file.
    static var filesB: [String: String] {
        var files = filesA
        files["deployment.yaml"] = files["deployment.yaml"]!
            .replacingOccurrences(of: "replicas: 2", with: "replicas: 3")
            .replacingOccurrences(of: "shop:4.2.16", with: "shop:4.2.17")
        files["configmap.yaml"] = files["configmap.yaml"]!.replacingOccurrences(of: "workers = 2", with: "workers = 4")
        return files
    }

    // MARK: - Scenarios

    /// Everything is new: the first sync of an empty cluster, previewed.
    static func created() throws -> Report {
        let rendered = try master.render(filesB)
        let desired = try master.prepare(rendered, revision: revisionB)
        let diff = try master.diff(desired: desired, live: [], revision: revisionB)
        return Report(kind: .diff, environments: [EnvironmentReport(diff: diff, commit: commitB, warnings: rendered.warnings)])
    }

    /// Revision B previewed against a cluster running revision A.
    static func configured() throws -> Report {
        let renderedA = try master.render(filesA)
        let renderedB = try master.render(filesB)
        let live = ScenarioBuilder.live(try master.prepare(renderedA, revision: revisionA))
        let diff = try master.diff(desired: try master.prepare(renderedB, revision: revisionB), live: live, revision: revisionB)
        return Report(kind: .diff, environments: [EnvironmentReport(diff: diff, commit: commitB, warnings: renderedB.warnings)])
    }

    /// A sync that prunes a CronJob the revision dropped and keeps a protected ConfigMap.
    static func pruned() throws -> Report {
        let rendered = try master.render(filesB)
        let desired = try master.prepare(rendered, revision: revisionB)
        let extra = try master.prepare(try master.render([
            "cronjob.yaml": """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly-cleanup
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: cleanup, image: "ghcr.io/mooring-demo/shop:4.2.15"}]
                """,
            "legacy.yaml": """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: legacy-flags
                  annotations: {mooring.dev/prune: "false"}
                data: {OLD_UI: "true"}
                """,
        ]), revision: revisionA)
        let live = ScenarioBuilder.live(desired + extra)
        let diff = try master.diff(desired: desired, live: live, revision: revisionB)
        let changeSet = try master.changeSet(diff, liveAfter: live)
        return Report(kind: .sync, environments: [EnvironmentReport(changeSet: changeSet, commit: commitB, previousRevision: revisionA,
                                                                    desired: desired, warnings: rendered.warnings)])
    }

    /// Revision B is deployed, but someone scaled the Deployment and edited the ConfigMap by hand.
    static func drifted() throws -> Report {
        let rendered = try master.render(filesB)
        let desired = try master.prepare(rendered, revision: revisionB)
        let live = ScenarioBuilder.live(desired).map { object -> JSON in
            switch object[path: ["metadata", "name"]]?.stringValue {
            case "web" where object["kind"] == "Deployment": return object.setting(["spec", "replicas"], to: 5)
            case "settings": return object.setting(["data", "DEBUG"], to: "True")
            default: return object
            }
        }
        let diff = try master.diff(desired: desired, live: live, revision: revisionB)
        return Report(kind: .diff, environments: [EnvironmentReport(diff: diff, commit: commitB, warnings: rendered.warnings)])
    }

    /// Revision C reverts B: the sync that returns the cluster to A's state.
    static func rollback() throws -> Report {
        let renderedB = try master.render(filesB)
        let renderedC = try master.render(filesA)
        let live = ScenarioBuilder.live(try master.prepare(renderedB, revision: revisionB))
        let desired = try master.prepare(renderedC, revision: revisionC)
        let diff = try master.diff(desired: desired, live: live, revision: revisionC)
        let detection = RollbackDetection.detect(
            new: RevisionFacts(revision: revisionC, message: "Revert \"Release 4.2.17\"\n\nThis reverts commit \(revisionB).", pathTree: "tree-a"),
            history: history(), treeOf: { $0 == revisionA ? "tree-a" : "tree-b" })
        let changeSet = try master.changeSet(diff, operation: .rollback, liveAfter: ScenarioBuilder.live(desired))
        return Report(kind: .sync, environments: [EnvironmentReport(
            changeSet: changeSet, commit: commitC, context: detection.map(ReportContext.init), previousRevision: revisionB,
            desired: desired, warnings: renderedC.warnings)])
    }

    /// A sync of revision B where the API server rejects the Service and the new image never
    /// becomes available: failed, and Degraded.
    static func failed() throws -> Report {
        let renderedA = try master.render(filesA)
        let renderedB = try master.render(filesB.merging(["service.yaml": filesB["service.yaml"]!
            .replacingOccurrences(of: "selector: {app: web}", with: "selector: {app: web}\n  clusterIP: 10.0.0.99")]) { $1 })
        let live = ScenarioBuilder.live(try master.prepare(renderedA, revision: revisionA))
        let desired = try master.prepare(renderedB, revision: revisionB)
        let diff = try master.diff(desired: desired, live: live, revision: revisionB)
        let after = ScenarioBuilder.live(desired).map { object -> JSON in
            guard object["kind"] == "Deployment" else { return object }
            return object.setting(["status", "availableReplicas"], to: 0).setting(["status", "readyReplicas"], to: 0)
                .setting(["status", "conditions"], to: [
                    ["type": "Available", "status": "False", "reason": "MinimumReplicasUnavailable"],
                    ["type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                     "message": "ReplicaSet \"web-7d9f\" has timed out progressing."],
                ])
        }
        var changeSet = try master.changeSet(diff, liveAfter: after)
        let service = try #require(diff.objects.first { $0.identity.kind == "Service" }?.identity)
        changeSet.markFailed(service, message: "Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.0.0.99\"}: may not change once set")
        return Report(kind: .sync, environments: [EnvironmentReport(changeSet: changeSet, commit: commitB, previousRevision: revisionA,
                                                                    desired: desired, warnings: renderedB.warnings)])
    }

    /// The hooks of a sync of revision B: the migration ran, the PostSync smoke test failed.
    static let hooks = [
        HookResult(phase: .preSync, identity: ObjectIdentity(type: GroupVersionKind(group: "batch", version: "v1", kind: "Job"), namespace: "shop", name: "migrate"),
                   status: .succeeded, message: "Job completed (1 succeeded)", startedAt: time(-3605), finishedAt: time(-3592)),
        HookResult(phase: .postSync, identity: ObjectIdentity(type: GroupVersionKind(group: "batch", version: "v1", kind: "Job"), namespace: "shop",
                                                              name: "smoke-b7e1f00-postsync-2"),
                   status: .failed, message: "BackoffLimitExceeded: Job has reached the specified backoff limit",
                   startedAt: time(-3570), finishedAt: time(-3551)),
    ]

    /// A sync of revision B whose PostSync smoke test fails: Degraded, as after a failed health check.
    static func hookFailed() throws -> Report {
        let renderedA = try master.render(filesA)
        let renderedB = try master.render(filesB)
        let live = ScenarioBuilder.live(try master.prepare(renderedA, revision: revisionA))
        let desired = try master.prepare(renderedB, revision: revisionB)
        let diff = try master.diff(desired: desired, live: live, revision: revisionB)
        var changeSet = try master.changeSet(diff, liveAfter: ScenarioBuilder.live(desired))
        changeSet.hooks = hooks
        let remark = ReconcileRemark.hookFailed(hooks[1])
        return Report(kind: .sync, environments: [EnvironmentReport(changeSet: changeSet, commit: commitB, previousRevision: revisionA,
                                                                    desired: desired, warnings: renderedB.warnings, remarks: [remark.description])])
    }

    /// The plain-text values of the Secret scenario: none may appear in any rendering.
    static let secretValues = ["hunter2-old-password", "s3cr3t-new-password", "tok_live_9f8e7d6c5b4a"]

    /// A Secret's password rotated and a token added; the live copy still carries kubectl's
    /// last-applied annotation with the old value in clear.
    static func secretChange() throws -> Report {
        let secretYAML = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-credentials
            type: Opaque
            stringData:
              password: \(secretValues[1])
              api-token: \(secretValues[2])
              require-ssl: on
            """
        let rendered = try master.render(["secret.yaml": secretYAML])
        let desired = try master.prepare(rendered, revision: revisionB)
        var live = ScenarioBuilder.live(try master.prepare(try master.render(["secret.yaml": """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db-credentials
            type: Opaque
            stringData:
              password: \(secretValues[0])
              require-ssl: "true"
            """]), revision: revisionA))[0]
        let data = live["stringData"]!.objectValue!.map { ($0.key, JSON.string(Data($0.value.stringValue!.utf8).base64EncodedString())) }
        live["stringData"] = nil
        live["data"] = .object(JSONObject(data))
        live[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]] =
            .string("{\"stringData\":{\"password\":\"\(secretValues[0])\"}}")
        let diff = try master.diff(desired: desired, live: [live], revision: revisionB)
        return Report(kind: .diff, environments: [EnvironmentReport(diff: diff, commit: commitB, warnings: rendered.warnings)])
    }

    /// What master would become with develop's manifests.
    static func promotion() throws -> Report {
        let develop = ScenarioBuilder(environment: "develop", namespace: "shop-develop")
        var developFiles = filesB
        developFiles["deployment.yaml"] = developFiles["deployment.yaml"]!
            .replacingOccurrences(of: "replicas: 3", with: "replicas: 1")
            .replacingOccurrences(of: "shop:4.2.17", with: "shop:4.3.0-rc.1")
        developFiles["configmap.yaml"] = developFiles["configmap.yaml"]!.replacingOccurrences(of: "DEBUG: \"False\"", with: "DEBUG: \"True\"")
        developFiles["flags.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: feature-flags
            data:
              NEW_CHECKOUT: "on"
            """
        var masterFiles = filesB
        masterFiles["deployment.yaml"] = masterFiles["deployment.yaml"]!
            .replacingOccurrences(of: "shop:4.2.17", with: "shop@sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c")
        let source = try develop.prepare(try develop.render(developFiles), revision: revisionC)
            .map { $0.setting(["metadata", "namespace"], to: $0["kind"] == "Namespace" ? nil : "shop-develop") }
            .map { $0["kind"] == "Namespace" ? $0.setting(["metadata", "name"], to: "shop-develop") : $0 }
        let target = try master.prepare(try master.render(masterFiles), revision: revisionB)
        let promotion = PromotionComparer.compare(source: source, target: target, fromEnvironment: "develop", toEnvironment: "master",
                                                  sourceRevision: revisionC, targetRevision: revisionB)
        return Report(promotion: promotion)
    }

    // MARK: - History

    static func history() -> History {
        var history = History(environment: "master")
        history.append(HistoryRecord(revision: revisionA, time: time(-7200), operation: .sync, result: .succeeded, health: .healthy,
                                     created: ObjectTally(count: 4, names: ["Namespace shop", "ConfigMap shop/settings", "Service shop/web", "Deployment.apps shop/web"]),
                                     message: "initial sync"))
        history.append(HistoryRecord(revision: revisionB, time: time(-3600), operation: .sync, result: .failed, health: .degraded,
                                     configured: ObjectTally(count: 2, names: ["ConfigMap shop/settings", "Deployment.apps shop/web"]),
                                     message: "Deployment.apps shop/web: container web: ImagePullBackOff"))
        history.append(HistoryRecord(revision: revisionA, time: time(-3000), operation: .autoRollback, result: .succeeded, health: .healthy,
                                     configured: ObjectTally(count: 2, names: ["ConfigMap shop/settings", "Deployment.apps shop/web"]),
                                     message: "health check failed after 5m0s", rolledBackFrom: revisionB, rolledBackTo: revisionA,
                                     hooks: [HookResult(phase: .postSync, identity: ObjectIdentity(described: "Job.batch shop/smoke-a1b2c3d-postsync-3"),
                                                        status: .succeeded, message: "Job completed (1 succeeded)",
                                                        startedAt: time(-2990), finishedAt: time(-2978), deleted: true)]))
        history.append(HistoryRecord(revision: revisionC, time: time(-60), operation: .rollback, result: .succeeded, health: .healthy,
                                     configured: ObjectTally(count: 0, names: []), message: "rollback of b7e1f00 to a1b2c3d (git revert)",
                                     rolledBackFrom: revisionB, rolledBackTo: revisionA))
        return history
    }

    static var commits: [String: CommitInfo] {
        [revisionA: CommitInfo(id: revisionA, author: "Ada Lovelace <ada@example.com>", summary: "Shop 4.2.16"),
         revisionB: commitB, revisionC: commitC]
    }

    static func historyReport() -> HistoryReport { HistoryReport(history: history(), commits: commits) }

    /// What operation 3 (the automatic rollback) changed.
    static func operationReport() -> Report {
        Report(history: history(), operation: 3, commits: commits)!
    }
}
