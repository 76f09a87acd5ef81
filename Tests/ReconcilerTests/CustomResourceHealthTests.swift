import Manifests
import Testing
@testable import Reconciler

/// The generic rule for custom resources, on what real operators write (`HealthFixtures/`).
@Suite struct CustomResourceHealthTests {
    typealias F = CustomResourceFixtures

    func assess(_ yaml: String) -> HealthAssessment {
        HealthAssessor.assess(HealthFixture.object(yaml), now: HealthFixture.now)
    }

    @Test func readyConditions() {
        #expect(assess(F.certificateReady) == HealthAssessment(.healthy, "Ready: Certificate is up to date and has not expired"))
        #expect(assess(F.certificateIssuing) == HealthAssessment(.progressing, "DoesNotExist: Issuing certificate as Secret does not exist"))
        #expect(assess(F.kustomizationReady) == HealthAssessment(.healthy, "ReconciliationSucceeded: Applied revision: main@sha1:1f2e3d4c"))
    }

    @Test func readyFalseWithATerminalReasonIsDegradedAtOnce() {
        #expect(assess(F.certificateConfigError) == HealthAssessment(.degraded, #"ConfigError: issuer "letsencrypt" not found"#))
        #expect(assess(F.externalSecretFailing) == HealthAssessment(.degraded, "SecretSyncedError: could not get secret data from provider"))
    }

    @Test func kstatusConditionsComeFirst() {
        #expect(assess(F.kustomizationStalled) == HealthAssessment(.degraded,
            "BuildFailed: kustomization path not found: stat /tmp/kustomization-1/apps: no such file or directory"))
    }

    @Test func aConditionOfAnOlderSpecIsNotBelieved() {
        #expect(assess(F.certificateStale) == HealthAssessment(.progressing,
            "waiting for the controller to observe generation 2 (Ready is of 1)"))
    }

    @Test func phasesAndOtherConditionNames() {
        #expect(assess(F.rolloutPaused).status == .suspended)
        #expect(assess(F.rolloutAborted) == HealthAssessment(.degraded, "RolloutAborted: Rollout aborted update to revision 3"))
        #expect(assess(F.rolloutNotObserved) == HealthAssessment(.progressing, "waiting for the controller to observe generation 3 (observed 2)"))
        #expect(assess(F.gatewayPending) == HealthAssessment(.progressing, "AddressNotAssigned: No addresses have been assigned to the Gateway"))
        #expect(assess(F.prometheusPartlyAvailable) == HealthAssessment(.degraded,
            "SomePodsNotReady: shard 0: pod prometheus-k8s-1: containers with incomplete status: [init-config-reloader]"))
        #expect(assess(F.crossplaneBucketSyncFailing) == HealthAssessment(.degraded, "ReconcileError: observe failed: cannot run refresh: AccessDenied"))
    }

    @Test(arguments: [("Completed", HealthStatus.healthy), ("InProgress", .progressing), ("New", .progressing),
                      ("PartiallyFailed", .degraded), ("FailedValidation", .degraded), ("Failed", .degraded),
                      ("Deleting", .progressing), ("WaitingForPluginOperations", .healthy)])
    func veleroBackupPhases(phase: String, status: HealthStatus) {
        // Unknown words say nothing: the backup then has no signal and is Healthy (kstatus's Current).
        #expect(assess(F.veleroBackup(phase: phase)).status == status)
    }

    @Test func tektonSucceededCondition() {
        #expect(assess(F.pipelineRun(status: "Unknown", reason: "Running")).status == .progressing)
        #expect(assess(F.pipelineRun(status: "True", reason: "Succeeded")).status == .healthy)
        #expect(assess(F.pipelineRun(status: "False", reason: "Failed")).status == .degraded)
    }

    @Test func noStatusYetIsProgressingForAMomentThenHealthy() {
        #expect(assess(F.serviceMonitor(created: "2025-03-02T10:29:50Z")) == HealthAssessment(.progressing,
            "waiting for the controller to report a status"))
        #expect(assess(F.serviceMonitor(created: "2025-03-02T10:00:00Z")) == HealthAssessment(.healthy, "no status reported"))
        var empty = HealthFixture.object(F.serviceMonitor(created: "2025-03-02T10:29:50Z"))
        empty["status"] = [:]
        #expect(HealthAssessor.assess(empty, now: HealthFixture.now).status == .progressing)
    }

    @Test func aStatusWithoutSignalsIsHealthy() {
        var monitor = HealthFixture.object(F.serviceMonitor(created: "2025-03-02T10:29:50Z"))
        monitor["status"] = ["lastSync": "2025-03-02T10:29:55Z"]
        #expect(HealthAssessor.assess(monitor, now: HealthFixture.now) == HealthAssessment(.healthy, ""))
    }
}
