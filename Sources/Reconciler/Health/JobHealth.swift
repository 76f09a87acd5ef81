import Manifests

/// Jobs and CronJobs.
enum JobHealth {
    static func job(_ job: JSON) -> HealthAssessment {
        if let failed = StatusFields.condition(job, "Failed"), failed["status"]?.stringValue == "True" {
            return HealthAssessment(.degraded, "Job failed" + WorkloadHealth.detail(failed))
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

    static func cronJob(_ cronJob: JSON) -> HealthAssessment {
        if cronJob[path: ["spec", "suspend"]]?.boolValue == true { return HealthAssessment(.suspended, "CronJob is suspended") }
        let schedule = StatusFields.string(cronJob, ["spec", "schedule"]) ?? "?"
        return HealthAssessment(.healthy, "CronJob is scheduled (\(schedule))")
    }
}
