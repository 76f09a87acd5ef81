import Foundation
import Manifests
import Testing
@testable import Reconciler

/// The built-in rules for kinds kstatus and Argo CD judge differently or not at all, on objects
/// shaped like what their controllers write (`HealthFixtures/`).
@Suite struct BuiltInHealthRuleTests {
    func assess(_ yaml: String) -> HealthAssessment {
        HealthAssessor.assess(HealthFixture.object(yaml), now: HealthFixture.now)
    }

    @Test func autoscalerStates() {
        #expect(assess(AutoscalerFixtures.scaling) == HealthAssessment(.healthy,
            "ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"))
        #expect(assess(AutoscalerFixtures.atMaximum) == HealthAssessment(.healthy,
            "TooManyReplicas: the desired replica count is more than the maximum replica count"))
        #expect(assess(AutoscalerFixtures.fresh) == HealthAssessment(.progressing, "waiting to autoscale"))
        #expect(assess(AutoscalerFixtures.metricsNotYetAvailable).status == .progressing)
        #expect(assess(AutoscalerFixtures.metricsAPIMissing).status == .degraded)
        #expect(assess(AutoscalerFixtures.invalidSelector) == HealthAssessment(.degraded, "InvalidSelector: the HPA target's scale is missing a selector"))
        #expect(assess(AutoscalerFixtures.targetScaledToZero).status == .suspended)
    }

    @Test func anAutoscalerWhoseTargetDoesNotExistIsDegraded() {
        let expected = HealthAssessment(.degraded,
            #"FailedGetScale: the HPA controller was unable to get the target's current scale: deployments/scale.apps "django-admin" not found"#)
        #expect(assess(AutoscalerFixtures.targetMissing) == expected)
        #expect(assess(AutoscalerFixtures.v1TargetMissing) == expected)
    }

    @Test func anAutoscalerWithANewSpecWaitsForTheController() {
        var edited = HealthFixture.object(AutoscalerFixtures.scaling)
        edited[path: ["metadata", "generation"]] = 2
        #expect(HealthAssessor.assess(edited, now: HealthFixture.now).status == .progressing)
    }

    @Test func apiServiceFollowsAvailable() {
        #expect(assess(ClusterServiceFixtures.metricsAPIAvailable) == HealthAssessment(.healthy, "Passed: all checks passed"))
        #expect(assess(ClusterServiceFixtures.metricsAPIUnavailable) == HealthAssessment(.progressing,
            #"MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses with port name "https""#))
        #expect(assess(ClusterServiceFixtures.metricsAPI) == HealthAssessment(.progressing, "waiting for the API service to be checked"))
        let later = HealthFixture.now.addingTimeInterval(10 * 60)  // still unavailable ten minutes on
        #expect(HealthAssessor.assess(HealthFixture.object(ClusterServiceFixtures.metricsAPIUnavailable), now: later).status == .degraded)
    }

    @Test func disruptionBudgets() {
        #expect(assess(ClusterServiceFixtures.budget) == HealthAssessment(.progressing, "waiting for the disruption controller"))
        #expect(assess(ClusterServiceFixtures.budgetSatisfied) == HealthAssessment(.healthy, "2 healthy, 1 required, 1 disruptions allowed"))
        #expect(assess(ClusterServiceFixtures.budgetBlockingEvictions) == HealthAssessment(.healthy,
            "InsufficientPods: 1 healthy, 1 required, 0 disruptions allowed"))
        #expect(assess(ClusterServiceFixtures.budgetUncomputable) == HealthAssessment(.degraded,
            #"SyncFailed: found no controllers for pod "django-admin-5f7c9-x2x8q""#))
        #expect(assess(ClusterServiceFixtures.budgetUnsatisfiable) == HealthAssessment(.degraded,
            "can never be satisfied: 3 healthy pods required, 2 expected"))
        #expect(assess(ClusterServiceFixtures.budgetDuringRollout) == HealthAssessment(.healthy,
            "InsufficientPods: 0 healthy, 3 required, 0 disruptions allowed"))
        // A SyncFailed behind another DisruptionAllowed condition still counts.
        var twice = HealthFixture.object(ClusterServiceFixtures.budgetUncomputable)
        twice[path: ["status", "conditions"]] = .array([["type": "DisruptionAllowed", "status": "False", "reason": "InsufficientPods"]]
                                                         + (twice[path: ["status", "conditions"]]?.arrayValue ?? []))
        #expect(HealthAssessor.assess(twice).status == .degraded)
    }

    @Test func cronJobs() {
        #expect(assess(WorkloadFixtures.cronJobNeverRun) == HealthAssessment(.healthy, "CronJob is scheduled (0 3 * * *); no Job has run yet"))
        #expect(assess(WorkloadFixtures.cronJobRunning) == HealthAssessment(.healthy, "Job running: clearsessions-29014380"))
        #expect(assess(WorkloadFixtures.cronJobLastRunSucceeded) == HealthAssessment(.healthy,
            "the last Job succeeded at 2025-03-02T03:00:38Z (0 3 * * *)"))
        #expect(assess(WorkloadFixtures.cronJobLastRunFailed) == HealthAssessment(.degraded,
            "the last Job, scheduled at 2025-03-02T03:00:00Z, did not succeed"))
        #expect(assess(WorkloadFixtures.cronJobNeverSucceeded).status == .degraded)
        var suspended = HealthFixture.object(WorkloadFixtures.cronJobLastRunFailed)
        suspended[path: ["spec", "suspend"]] = true
        #expect(HealthAssessor.assess(suspended) == HealthAssessment(.suspended, "CronJob is suspended"))
    }

    @Test func definitions() {
        #expect(assess(ClusterServiceFixtures.definitionNonStructural) == HealthAssessment(.degraded,
            "schema is not structural: spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root"))
        #expect(assess(ClusterServiceFixtures.definitionTerminating) == HealthAssessment(.progressing,
            "CRD is being terminated: CustomResource deletion is in progress"))
        #expect(assess(ClusterServiceFixtures.definition) == HealthAssessment(.progressing, "waiting for the CRD to be established"))
    }

    @Test func podsThatRunToCompletionFailAtOnceWhenTheirImageCannotBePulled() {
        #expect(assess(WorkloadFixtures.migrationPodImageMissing) == HealthAssessment(.degraded,
            #"container migrate: ImagePullBackOff: Back-off pulling image "registry.local/django-admin:4.2.61""#))
        #expect(assess(WorkloadFixtures.initImageMissing) == HealthAssessment(.degraded,
            #"container wait-for-db: ErrImagePull: failed to pull and unpack image "registry.local/wait-for:nope": not found"#))
        // Other waiting errors may clear (a later wave creates the ConfigMap): still running to completion.
        #expect(assess(WorkloadFixtures.migrationPodWaitingForConfig) == HealthAssessment(.progressing, "pod is pending"))
    }

    @Test func observedGenerationWrittenAsAString() {
        var deployment = Fixtures.json(Fixtures.liveDeployment)
        deployment[path: ["metadata", "generation"]] = 3
        deployment[path: ["status", "observedGeneration"]] = "2"
        #expect(HealthAssessor.assess(deployment) == HealthAssessment(.progressing, "waiting for the controller to observe generation 3 (observed 2)"))
        deployment[path: ["status", "observedGeneration"]] = "3"
        #expect(HealthAssessor.assess(deployment).status == .healthy)
        deployment[path: ["status", "observedGeneration"]] = "7c9d8f6b5"  // a spec hash, as Argo Rollouts once wrote: not comparable
        #expect(HealthAssessor.assess(deployment).status == .healthy)
    }

    @Test func anObjectBeingDeletedIsProgressingWithWhatHoldsItUp() {
        var deployment = Fixtures.json(Fixtures.liveDeployment)
        deployment[path: ["metadata", "deletionTimestamp"]] = "2025-03-02T10:20:00Z"
        #expect(HealthAssessor.assess(deployment) == HealthAssessment(.progressing, "pending deletion"))
        deployment[path: ["metadata", "finalizers"]] = ["foregroundDeletion"]
        #expect(HealthAssessor.assess(deployment) == HealthAssessment(.progressing, "pending deletion; blocked by finalizers: foregroundDeletion"))
    }

    @Test func builtInKindsWithoutARuleFollowKstatus() {
        let configMap: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "namespace": "web"], "data": ["A": "1"]]
        #expect(HealthAssessor.assess(configMap) == HealthAssessment(.healthy, ""))
        let role: JSON = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": "reader", "namespace": "web"]]
        #expect(HealthAssessor.assess(role, now: HealthFixture.now).status == .healthy)
    }
}
