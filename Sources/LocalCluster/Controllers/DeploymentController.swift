import Foundation
import Manifests

/// The deployment controller: one ReplicaSet per pod template (`<name>-<pod-template-hash>`),
/// the current one scaled to `spec.replicas` and the old ones scaled down once it is available;
/// revisions in `deployment.kubernetes.io/revision`; status and the `Available` / `Progressing`
/// conditions with the real reasons, including `ProgressDeadlineExceeded`.
struct DeploymentController: Sendable {
    let client: ControllerClient
    /// Compresses `progressDeadlineSeconds`.
    let timeScale: Double
    static let revisionAnnotation = "deployment.kubernetes.io/revision"

    /// Returns seconds until it wants another look (nil: settled).
    func reconcile(_ key: ObjectKey) async -> Double? {
        guard let stored = await client.get(key) else { return nil }
        let deployment = stored.object
        if deployment[path: ["metadata", "deletionTimestamp"]] != nil { return nil }
        let uid = deployment[path: ["metadata", "uid"]]?.stringValue ?? ""
        let desired = deployment[path: ["spec", "replicas"]]?.intValue ?? 1
        let template = deployment[path: ["spec", "template"]] ?? .object([:])
        let owned = await client.owned(ControllerClient.replicaSets, namespace: key.namespace, by: uid)
        if deployment[path: ["spec", "paused"]]?.boolValue == true {
            let current = owned.first { Self.template(of: $0.object) == Canonical.sorted(template) }
            await markPaused(key, replicaSets: owned, current: current)
            return nil
        }
        let maxRevision = owned.compactMap { Int64(Self.revision(of: $0.object)) }.max() ?? 0

        // The ReplicaSet whose template (less the hash label) is the deployment's.
        var current = owned.first { Self.template(of: $0.object) == Canonical.sorted(template) }
        if current == nil {
            // With old pods running, the new ReplicaSet starts empty and the rollout plan grows it.
            let oldPodsRunning = owned.contains { ($0.object[path: ["spec", "replicas"]]?.intValue ?? 0) > 0 }
            current = await createReplicaSet(for: deployment, key: key, template: template, revision: maxRevision + 1,
                                             replicas: oldPodsRunning ? 0 : desired)
        } else if let found = current, Int64(Self.revision(of: found.object)) ?? 0 < maxRevision {
            // A rollback to an older template reuses its ReplicaSet under a new revision.
            let rsKey = ControllerClient.key(of: found.object, resource: ControllerClient.replicaSets)
            await client.update(rsKey) { $0[path: ["metadata", "annotations", Self.revisionAnnotation]] = .string(String(maxRevision + 1)) }
            current = await client.get(rsKey)
        }
        guard let newRS = current else { return 1 }
        let newKey = ControllerClient.key(of: newRS.object, resource: ControllerClient.replicaSets)
        let olds = owned.filter { ControllerClient.key(of: $0.object, resource: ControllerClient.replicaSets) != newKey }
        let recreate = deployment[path: ["spec", "strategy", "type"]]?.stringValue == "Recreate"
        let plan = recreate ? RolloutPlan.recreate(new: newRS.object, olds: olds.map(\.object), desired: desired)
                            : RolloutPlan.rolling(new: newRS.object, olds: olds.map(\.object), desired: desired,
                                                  maxSurge: Self.maxSurge(deployment, desired: desired),
                                                  maxUnavailable: Self.maxUnavailable(deployment, desired: desired))
        await scale(newRS.object, to: plan.newReplicas, deployment: deployment)
        for (old, replicas) in zip(olds, plan.oldReplicas) {
            await scale(old.object, to: replicas, deployment: deployment)
        }
        await pruneHistory(olds, limit: Int(deployment[path: ["spec", "revisionHistoryLimit"]]?.intValue ?? 10))

        // Status from the ReplicaSets as they are now.
        let all = await client.owned(ControllerClient.replicaSets, namespace: key.namespace, by: uid)
        func sum(_ path: [String]) -> Int64 { all.reduce(0) { $0 + ($1.object[path: path]?.intValue ?? 0) } }
        let latestNew = all.first { ControllerClient.key(of: $0.object, resource: ControllerClient.replicaSets) == newKey }?.object ?? newRS.object
        let replicas = sum(["status", "replicas"])
        let ready = sum(["status", "readyReplicas"])
        let available = sum(["status", "availableReplicas"])
        let updated = latestNew[path: ["status", "replicas"]]?.intValue ?? 0
        let newAvailable = latestNew[path: ["status", "availableReplicas"]]?.intValue ?? 0
        let complete = updated == desired && newAvailable == desired && replicas == desired
        let maxUnavailable = Self.maxUnavailable(deployment, desired: desired)
        let rsName = latestNew[path: ["metadata", "name"]]?.stringValue ?? ""
        let revision = Self.revision(of: latestNew)
        let now = Date()
        let nowText = Timestamps.format(now)
        let deadline = Double(deployment[path: ["spec", "progressDeadlineSeconds"]]?.intValue ?? 600) / max(timeScale, 0.001)
        var again: Double? = complete ? nil : 1

        await client.update(key) { object in
            object[path: ["metadata", "annotations", Self.revisionAnnotation]] = .string(revision)
            var status = object["status"]?.objectValue ?? JSONObject()
            status["observedGeneration"] = object[path: ["metadata", "generation"]] ?? 1
            status["replicas"] = replicas > 0 ? .int(replicas) : nil
            status["updatedReplicas"] = updated > 0 ? .int(updated) : nil
            status["readyReplicas"] = ready > 0 ? .int(ready) : nil
            status["availableReplicas"] = available > 0 ? .int(available) : nil
            status["unavailableReplicas"] = desired - available > 0 ? .int(desired - available) : nil
            var conditions = WorkloadConditions(status["conditions"]?.arrayValue ?? [])
            if available >= desired - maxUnavailable {
                conditions.set("Available", status: "True", reason: "MinimumReplicasAvailable",
                               message: "Deployment has minimum availability.", now: nowText)
            } else {
                conditions.set("Available", status: "False", reason: "MinimumReplicasUnavailable",
                               message: "Deployment does not have minimum availability.", now: nowText)
            }
            let progressing = conditions.find("Progressing")
            // Progress (more updated or available pods, fewer old ones) restarts the deadline clock.
            let progressed = status["updatedReplicas"] != object[path: ["status", "updatedReplicas"]]
                || status["availableReplicas"] != object[path: ["status", "availableReplicas"]]
                || status["replicas"] != object[path: ["status", "replicas"]]
            let aboutThisReplicaSet = progressing?["message"]?.stringValue?.contains("\"\(rsName)\"") == true
            if complete {
                conditions.set("Progressing", status: "True", reason: "NewReplicaSetAvailable",
                               message: "ReplicaSet \"\(rsName)\" has successfully progressed.", now: nowText)
            } else if progressing == nil {
                conditions.set("Progressing", status: "True", reason: "NewReplicaSetCreated",
                               message: "Created new replica set \"\(rsName)\"", now: nowText)
            } else if progressing?["reason"]?.stringValue == "ProgressDeadlineExceeded" && aboutThisReplicaSet && !progressed {
                again = nil
            } else if progressed || !aboutThisReplicaSet || progressing?["reason"]?.stringValue == "NewReplicaSetAvailable" {
                conditions.set("Progressing", status: "True", reason: "ReplicaSetUpdated",
                               message: "ReplicaSet \"\(rsName)\" is progressing.", now: nowText, touch: true)
            } else if let since = progressing?["lastUpdateTime"]?.stringValue.flatMap(Timestamps.parse),
                      now.timeIntervalSince(since) > deadline {
                conditions.set("Progressing", status: "False", reason: "ProgressDeadlineExceeded",
                               message: "ReplicaSet \"\(rsName)\" has timed out progressing.", now: nowText)
                again = nil
            }
            status["conditions"] = .array(conditions.items)
            object["status"] = .object(status)
        }
        if let again, !complete { return min(again, max(deadline / 4, 0.05)) }
        return again
    }

    /// Sets a ReplicaSet's replicas, with the `ScalingReplicaSet` event the real controller records.
    private func scale(_ replicaSet: JSON, to replicas: Int64, deployment: JSON) async {
        let current = replicaSet[path: ["spec", "replicas"]]?.intValue ?? 0
        guard current != replicas else { return }
        let key = ControllerClient.key(of: replicaSet, resource: ControllerClient.replicaSets)
        guard await client.update(key, { $0[path: ["spec", "replicas"]] = .int(replicas) }) else { return }
        let name = replicaSet[path: ["metadata", "name"]]?.stringValue ?? ""
        let direction = replicas > current ? "up" : "down"
        await EventRecorder(client: client).record(deployment, kind: "Deployment", apiVersion: "apps/v1", reason: "ScalingReplicaSet",
                                                   message: "Scaled \(direction) replica set \(name) from \(current) to \(replicas)",
                                                   component: "deployment-controller")
    }

    /// A paused deployment makes no rollout progress; its Progressing condition says so, and its
    /// counts come from the ReplicaSets as they are: a template changed while paused has no
    /// ReplicaSet yet, so nothing is "updated" and `kubectl rollout status` keeps waiting
    /// (the controller's `sync` → `calculateStatus` without a new ReplicaSet).
    private func markPaused(_ key: ObjectKey, replicaSets: [StoredObject], current: StoredObject?) async {
        let now = Timestamps.now()
        func sum(_ path: [String]) -> Int64 { replicaSets.reduce(0) { $0 + ($1.object[path: path]?.intValue ?? 0) } }
        let replicas = sum(["status", "replicas"]), ready = sum(["status", "readyReplicas"]), available = sum(["status", "availableReplicas"])
        let updated = current?.object[path: ["status", "replicas"]]?.intValue ?? 0
        await client.update(key) { object in
            var status = object["status"]?.objectValue ?? JSONObject()
            let desired = object[path: ["spec", "replicas"]]?.intValue ?? 1
            status["observedGeneration"] = object[path: ["metadata", "generation"]] ?? 1
            status["replicas"] = replicas > 0 ? .int(replicas) : nil
            status["updatedReplicas"] = updated > 0 ? .int(updated) : nil
            status["readyReplicas"] = ready > 0 ? .int(ready) : nil
            status["availableReplicas"] = available > 0 ? .int(available) : nil
            status["unavailableReplicas"] = desired - available > 0 ? .int(desired - available) : nil
            var conditions = WorkloadConditions(status["conditions"]?.arrayValue ?? [])
            conditions.set("Progressing", status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused", now: now)
            status["conditions"] = .array(conditions.items)
            object["status"] = .object(status)
        }
    }

    private func createReplicaSet(for deployment: JSON, key: ObjectKey, template: JSON, revision: Int64, replicas: Int64) async -> StoredObject? {
        let hash = GeneratedNames.templateHash(template)
        var podTemplate = template
        podTemplate[path: ["metadata", "labels", "pod-template-hash"]] = .string(hash)
        var selector = deployment[path: ["spec", "selector"]] ?? .object([:])
        selector[path: ["matchLabels", "pod-template-hash"]] = .string(hash)
        var labels = template[path: ["metadata", "labels"]]?.objectValue ?? JSONObject()
        labels["pod-template-hash"] = .string(hash)
        let replicaSet: JSON = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string("\(key.name)-\(hash)"), "namespace": .string(key.namespace), "labels": .object(labels),
                         "annotations": ["deployment.kubernetes.io/revision": .string(String(revision)),
                                         "deployment.kubernetes.io/desired-replicas": .string(String(replicas)),
                                         "deployment.kubernetes.io/max-replicas": .string(String(replicas + Self.maxSurge(deployment, desired: replicas)))],
                         "ownerReferences": [ControllerClient.ownerReference(to: deployment, kind: "Deployment", apiVersion: "apps/v1")]],
            "spec": ["replicas": .int(replicas), "minReadySeconds": deployment[path: ["spec", "minReadySeconds"]] ?? 0,
                     "selector": selector, "template": podTemplate],
        ]
        let created = await client.create(replicaSet, resource: ControllerClient.replicaSets)
        if created != nil && replicas > 0 {
            await EventRecorder(client: client).record(deployment, kind: "Deployment", apiVersion: "apps/v1", reason: "ScalingReplicaSet",
                                                       message: "Scaled up replica set \(key.name)-\(hash) from 0 to \(replicas)",
                                                       component: "deployment-controller")
        }
        return created
    }

    /// Old ReplicaSets beyond `revisionHistoryLimit` that run nothing are deleted.
    private func pruneHistory(_ olds: [StoredObject], limit: Int) async {
        let idle = olds.filter { ($0.object[path: ["spec", "replicas"]]?.intValue ?? 0) == 0 && ($0.object[path: ["status", "replicas"]]?.intValue ?? 0) == 0 }
            .sorted { (Int64(Self.revision(of: $0.object)) ?? 0) < (Int64(Self.revision(of: $1.object)) ?? 0) }
        guard idle.count > limit else { return }
        for old in idle.prefix(idle.count - limit) {
            await client.delete(ControllerClient.key(of: old.object, resource: ControllerClient.replicaSets))
        }
    }

    static func revision(of replicaSet: JSON) -> String {
        replicaSet[path: ["metadata", "annotations", revisionAnnotation]]?.stringValue ?? "0"
    }

    /// A ReplicaSet's pod template without its `pod-template-hash` label, key-sorted.
    static func template(of replicaSet: JSON) -> JSON {
        var template = replicaSet[path: ["spec", "template"]] ?? .object([:])
        template[path: ["metadata", "labels", "pod-template-hash"]] = nil
        return Canonical.sorted(template)
    }

    static func maxUnavailable(_ deployment: JSON, desired: Int64) -> Int64 {
        if deployment[path: ["spec", "strategy", "type"]]?.stringValue == "Recreate" { return 0 }
        let unavailable = IntOrPercent.resolve(deployment[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]] ?? "25%",
                                               total: desired, roundUp: false)
        // Both zero would deadlock a rollout; the controller then allows one unavailable pod.
        return unavailable == 0 && maxSurge(deployment, desired: desired) == 0 ? 1 : min(unavailable, desired)
    }

    static func maxSurge(_ deployment: JSON, desired: Int64) -> Int64 {
        if deployment[path: ["spec", "strategy", "type"]]?.stringValue == "Recreate" { return 0 }
        return IntOrPercent.resolve(deployment[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] ?? "25%",
                                    total: desired, roundUp: true)
    }
}
