import Foundation
import Manifests

/// CronJob: creates a Job (`<name>-<scheduled minute>`) each time the schedule comes due, records
/// `lastScheduleTime` / `lastSuccessfulTime` and the active Jobs, and keeps the job history limits.
/// The schedule runs in scaled time (a minute is 60 s / timeScale) from the CronJob's creation.
struct CronJobController: Sendable {
    let client: ControllerClient
    let timeScale: Double
    static let cronJobs = GroupResource(group: "batch", resource: "cronjobs")
    static let jobs = GroupResource(group: "batch", resource: "jobs")

    /// Returns seconds until the next look.
    func reconcile(_ key: ObjectKey) async -> Double? {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return nil }
        let cronJob = stored.object
        guard let schedule = CronTimetable(cronJob[path: ["spec", "schedule"]]?.stringValue ?? ""),
              let created = cronJob[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamps.parse) else { return nil }
        let scale = max(timeScale, 0.001)
        func virtual(_ real: Date) -> Date { created + real.timeIntervalSince(created) * scale }
        /// The real second at or after a virtual instant, so mapping it back never lands before it.
        func real(_ virtual: Date) -> Date {
            Date(timeIntervalSince1970: (created + virtual.timeIntervalSince(created) / scale).timeIntervalSince1970.rounded(.up))
        }
        let now = Date()
        let uid = cronJob[path: ["metadata", "uid"]]?.stringValue ?? ""
        // The last scheduled (virtual) time: the newest Job's scheduled timestamp is exact; the
        // status field, in real seconds, covers Jobs the history limits removed.
        let owned = await client.owned(Self.jobs, namespace: key.namespace, by: uid)
        let newestJob = owned.compactMap { $0.object[path: ["metadata", "annotations", "batch.kubernetes.io/cronjob-scheduled-timestamp"]]?
            .stringValue.flatMap(Timestamps.parse) }.max()
        let recorded = cronJob[path: ["status", "lastScheduleTime"]]?.stringValue.flatMap(Timestamps.parse).map(virtual)
        let last = [newestJob, recorded].compactMap { $0 }.max() ?? created
        let suspended = cronJob[path: ["spec", "suspend"]]?.boolValue == true
        var fired: Date?
        if !suspended, let due = schedule.next(after: last), due <= virtual(now) {
            let name = "\(key.name)-\(Int(due.timeIntervalSince1970 / 60))"
            var metadata = cronJob[path: ["spec", "jobTemplate", "metadata"]]?.objectValue ?? JSONObject()
            metadata["name"] = .string(name)
            metadata["namespace"] = .string(key.namespace)
            metadata["ownerReferences"] = [ControllerClient.ownerReference(to: cronJob, kind: "CronJob", apiVersion: "batch/v1")]
            metadata["annotations"] = ["batch.kubernetes.io/cronjob-scheduled-timestamp": .string(Timestamps.format(due))]
            let job: JSON = ["apiVersion": "batch/v1", "kind": "Job", "metadata": .object(metadata),
                             "spec": cronJob[path: ["spec", "jobTemplate", "spec"]] ?? .object([:])]
            if await client.create(job, resource: Self.jobs) != nil {
                fired = due
                await EventRecorder(client: client).record(cronJob, kind: "CronJob", apiVersion: "batch/v1", reason: "SuccessfulCreate",
                                                           message: "Created job \(name)", component: "cronjob-controller")
            }
        }
        let jobs = fired == nil ? owned : await client.owned(Self.jobs, namespace: key.namespace, by: uid)
        func finished(_ job: JSON, _ type: String) -> Bool {
            (job[path: ["status", "conditions"]]?.arrayValue ?? []).contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }
        }
        let succeeded = jobs.filter { finished($0.object, "Complete") }.sorted { $0.resourceVersion < $1.resourceVersion }
        let failed = jobs.filter { finished($0.object, "Failed") }.sorted { $0.resourceVersion < $1.resourceVersion }
        let active = jobs.filter { !finished($0.object, "Complete") && !finished($0.object, "Failed") }
        for (list, limit) in [(succeeded, cronJob[path: ["spec", "successfulJobsHistoryLimit"]]?.intValue ?? 3),
                              (failed, cronJob[path: ["spec", "failedJobsHistoryLimit"]]?.intValue ?? 1)] where list.count > Int(limit) {
            for job in list.prefix(list.count - Int(limit)) {
                _ = try? await Finalization(context: client.context)
                    .delete(ControllerClient.key(of: job.object, resource: Self.jobs),
                            resource: client.context.registry.resource(Self.jobs)!, options: .background)
            }
        }
        let lastSuccess = succeeded.last?.object[path: ["status", "completionTime"]]
        await client.update(key) { object in
            var status = object["status"]?.objectValue ?? JSONObject()
            // The scheduled time, as the controller records it (mapped back from scaled time).
            if let fired { status["lastScheduleTime"] = .string(Timestamps.format(real(fired))) }
            if let lastSuccess { status["lastSuccessfulTime"] = lastSuccess }
            status["active"] = active.isEmpty ? nil : .array(active.map { job in
                ["apiVersion": "batch/v1", "kind": "Job", "name": job.object[path: ["metadata", "name"]] ?? "",
                 "namespace": .string(key.namespace), "uid": job.object[path: ["metadata", "uid"]] ?? "",
                 "resourceVersion": .string(String(job.resourceVersion))]
            })
            object["status"] = .object(status)
        }
        let from = fired ?? last
        guard let upcoming = schedule.next(after: max(from, virtual(now) - 1)) else { return nil }
        return max(0.05, min(upcoming.timeIntervalSince(virtual(now)) / scale, 60))
    }
}
