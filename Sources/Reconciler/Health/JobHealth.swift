import Foundation
import Manifests

/// Jobs and CronJobs.
enum JobHealth {
    static func job(_ job: JSON) -> HealthAssessment {
        if let failed = StatusFields.condition(job, "Failed"), failed["status"]?.stringValue == "True" {
            return HealthAssessment(.degraded, "Job failed" + StatusFields.detail(failed))
        }
        if let complete = StatusFields.condition(job, "Complete"), complete["status"]?.stringValue == "True" {
            let succeeded = StatusFields.int(job, ["status", "succeeded"], default: 0)
            return HealthAssessment(.healthy, "Job completed (\(succeeded) succeeded)")
        }
        if job[path: ["spec", "suspend"]]?.boolValue == true
            || StatusFields.condition(job, "Suspended")?["status"]?.stringValue == "True" {
            return HealthAssessment(.suspended, "Job is suspended")
        }
        let active = StatusFields.int(job, ["status", "active"], default: 0)
        let succeeded = StatusFields.int(job, ["status", "succeeded"], default: 0)
        let failed = StatusFields.int(job, ["status", "failed"], default: 0)
        if StatusFields.string(job, ["status", "startTime"]) == nil {
            return HealthAssessment(.progressing, "Job has not started")
        }
        return HealthAssessment(.progressing, "Job is running (active \(active), succeeded \(succeeded), failed \(failed))")
    }

    /// Follows Argo CD (`resource_customizations/batch/CronJob`): suspended is Suspended, a Job
    /// running is Healthy, and a CronJob whose last scheduled Job finished without success (no
    /// Job active, `lastSuccessfulTime` missing or older than `lastScheduleTime`) is Degraded.
    /// Argo CD calls the case where no Job ever succeeded Healthy ("may not be healthy"); the
    /// CronJob controller sets `lastSuccessfulTime` as it removes a succeeded Job from `active`,
    /// so here that case is the failure it looks like. A CronJob never scheduled yet is Healthy
    /// (nothing says it should have run); kstatus calls every CronJob Current.
    static func cronJob(_ cronJob: JSON) -> HealthAssessment {
        if cronJob[path: ["spec", "suspend"]]?.boolValue == true { return HealthAssessment(.suspended, "CronJob is suspended") }
        let schedule = StatusFields.string(cronJob, ["spec", "schedule"]) ?? "?"
        guard let scheduled = StatusFields.string(cronJob, ["status", "lastScheduleTime"]) else {
            return HealthAssessment(.healthy, "CronJob is scheduled (\(schedule)); no Job has run yet")
        }
        let active = cronJob[path: ["status", "active"]]?.arrayValue ?? []
        if !active.isEmpty {
            let names = active.compactMap { $0["name"]?.stringValue }.joined(separator: ", ")
            return HealthAssessment(.healthy, "Job running: \(names.isEmpty ? "\(active.count)" : names)")
        }
        guard let succeeded = StatusFields.string(cronJob, ["status", "lastSuccessfulTime"]),
              !isEarlier(succeeded, than: scheduled) else {
            return HealthAssessment(.degraded, "the last Job, scheduled at \(scheduled), did not succeed")
        }
        return HealthAssessment(.healthy, "the last Job succeeded at \(succeeded) (\(schedule))")
    }

    /// Compares two RFC 3339 times (as text when one does not parse).
    private static func isEarlier(_ first: String, than second: String) -> Bool {
        if let a = StatusFields.time(.string(first)), let b = StatusFields.time(.string(second)) { return a < b }
        return first < second
    }
}
