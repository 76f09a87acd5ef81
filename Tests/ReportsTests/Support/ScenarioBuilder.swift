import Foundation
import Manifests
import Reconciler
import Reports

/// Builds report inputs the way the reconcile loop does: YAML rendered by `ManifestRenderer`,
/// prepared by `DesiredState`, diffed by `Differ`, planned by `SyncPlanner` — only the live
/// cluster is written out by hand, as objects an API server would return.
struct ScenarioBuilder {
    var environment: String
    var namespace: String

    /// Renders YAML documents as the files of `environments/<environment>/`.
    func render(_ files: [String: String]) throws -> RenderedEnvironment {
        let sources = files.sorted { $0.key < $1.key }.map { SourceFile.file("environments/\(environment)/\($0.key)", $0.value) }
        return try ManifestRenderer.render(files: sources, environmentPath: "environments/\(environment)")
    }

    /// The rendered objects with tracking metadata for `revision`.
    func prepare(_ rendered: RenderedEnvironment, revision: String) throws -> [JSON] {
        try DesiredState.prepare(rendered.objects.map(\.object), environment: environment, revision: revision,
                                 defaultNamespace: namespace)
    }

    /// A prepared object as the API server returns it after an apply: server metadata and, for
    /// workloads, a settled status.
    static func live(_ object: JSON, uid: Int) -> JSON {
        var live = object
        live[path: ["metadata", "uid"]] = .string("00000000-0000-0000-0000-\(String(format: "%012d", uid))")
        live[path: ["metadata", "resourceVersion"]] = .string(String(100 + uid))
        live[path: ["metadata", "generation"]] = 1
        live[path: ["metadata", "creationTimestamp"]] = "2026-11-20T10:00:00Z"
        if live["kind"]?.stringValue == "Deployment" {
            let replicas = live[path: ["spec", "replicas"]] ?? 1
            live["status"] = [
                "observedGeneration": 1, "replicas": replicas, "updatedReplicas": replicas,
                "readyReplicas": replicas, "availableReplicas": replicas,
                "conditions": [["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"],
                               ["type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"]],
            ]
        }
        return live
    }

    static func live(_ objects: [JSON]) -> [JSON] {
        objects.enumerated().map { live($0.element, uid: $0.offset + 1) }
    }

    /// The diff of `desired` against `live`.
    func diff(desired: [JSON], live: [JSON], revision: String) throws -> EnvironmentDiff {
        try Differ().diff(environment: environment, revision: revision, desired: desired, live: live)
    }

    /// What a sync of the diff does when every step succeeds, with health assessed on `liveAfter`.
    func changeSet(_ diff: EnvironmentDiff, operation: SyncOperation = .sync, liveAfter: [JSON]) throws -> ChangeSet {
        let plan = try SyncPlanner.plan(diff, prune: true, allowEmpty: false)
        var changeSet = ChangeSet(planned: plan, operation: operation, dryRun: false, startedAt: Scenarios.time(0))
        let identities = diff.objects.filter { $0.status != .prune }.map(\.identity)
        var byIdentity: [ObjectIdentity: JSON] = [:]
        for object in liveAfter { if let identity = ObjectIdentity(of: object) { byIdentity[identity] = object } }
        changeSet.record(EnvironmentHealth(identities: identities, live: byIdentity))
        changeSet.finishedAt = Scenarios.time(30)
        return changeSet
    }
}

extension JSON {
    /// A copy with the value at `path` replaced (object keys only).
    func setting(_ path: [String], to value: JSON?) -> JSON {
        var copy = self
        copy[path: path] = value
        return copy
    }
}
