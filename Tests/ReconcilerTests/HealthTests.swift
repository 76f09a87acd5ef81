import Manifests
import Testing
@testable import Reconciler

@Suite struct HealthTests {
    var deployment: JSON { Fixtures.json(Fixtures.liveDeployment) }

    @Test func availableDeploymentIsHealthy() {
        #expect(HealthAssessor.assess(deployment) == HealthAssessment(.healthy, "Deployment is available (2/2 replicas)"))
    }

    @Test func deploymentRolloutStates() {
        var newSpec = deployment
        newSpec[path: ["metadata", "generation"]] = 2
        #expect(HealthAssessor.assess(newSpec).status == .progressing)
        #expect(HealthAssessor.assess(newSpec).message.contains("generation 2"))

        var rolling = deployment
        rolling[path: ["status", "updatedReplicas"]] = 1
        rolling[path: ["status", "replicas"]] = 3
        #expect(HealthAssessor.assess(rolling) == HealthAssessment(.progressing, "waiting for rollout: 1 of 2 new replicas updated"))

        var unavailable = deployment
        unavailable[path: ["status", "availableReplicas"]] = 1
        #expect(HealthAssessor.assess(unavailable) == HealthAssessment(.progressing, "waiting for rollout: 1 of 2 updated replicas available"))

        var stuck = unavailable
        stuck[path: ["status", "conditions"]] = [
            ["type": "Available", "status": "False", "reason": "MinimumReplicasUnavailable", "message": "Deployment does not have minimum availability."],
            ["type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded", "message": #"ReplicaSet "django-5f7c9" has timed out progressing."#],
        ]
        #expect(HealthAssessor.assess(stuck) == HealthAssessment(.degraded, #"Deployment "django" exceeded its progress deadline: ReplicaSet "django-5f7c9" has timed out progressing."#))

        var paused = stuck
        paused[path: ["spec", "paused"]] = true
        #expect(HealthAssessor.assess(paused).status == .suspended)

        var fresh = deployment
        fresh["status"] = nil
        #expect(HealthAssessor.assess(fresh).status == .progressing)
    }

    @Test func podWithUnpullableImageIsDegraded() {
        let pod: JSON = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "django-5f7c9-x2x8q", "namespace": "web"],
            "spec": ["containers": [["name": "web", "image": "registry.local/django-admin:does-not-exist"]], "restartPolicy": "Always"],
            "status": [
                "phase": "Pending",
                "conditions": [["type": "Ready", "status": "False", "reason": "ContainersNotReady"]],
                "containerStatuses": [[
                    "name": "web", "ready": false, "restartCount": 0, "image": "registry.local/django-admin:does-not-exist",
                    "state": ["waiting": ["reason": "ImagePullBackOff", "message": #"Back-off pulling image "registry.local/django-admin:does-not-exist""#]],
                ]],
            ],
        ]
        #expect(HealthAssessor.assess(pod) == HealthAssessment(.degraded, #"container web: ImagePullBackOff: Back-off pulling image "registry.local/django-admin:does-not-exist""#))

        var crashing = pod
        crashing[path: ["status", "phase"]] = "Running"
        crashing[path: ["status", "containerStatuses"]] = [["name": "web", "state": ["waiting": ["reason": "CrashLoopBackOff"]], "lastState": ["terminated": ["exitCode": 1]]]]
        #expect(HealthAssessor.assess(crashing) == HealthAssessment(.degraded, "container web: CrashLoopBackOff"))

        var ready = pod
        ready[path: ["status", "phase"]] = "Running"
        ready[path: ["status", "conditions"]] = [["type": "Ready", "status": "True"]]
        ready[path: ["status", "containerStatuses"]] = [["name": "web", "ready": true, "state": ["running": ["startedAt": "2026-11-26T08:00:10Z"]]]]
        #expect(HealthAssessor.assess(ready).status == .healthy)

        var done = ready
        done[path: ["status", "phase"]] = "Succeeded"
        #expect(HealthAssessor.assess(done).status == .healthy)

        var failed = ready
        failed[path: ["spec", "restartPolicy"]] = "Never"
        failed[path: ["status", "phase"]] = "Failed"
        failed[path: ["status", "containerStatuses"]] = [["name": "web", "state": ["terminated": ["exitCode": 3, "reason": "Error"]]]]
        #expect(HealthAssessor.assess(failed) == HealthAssessment(.degraded, "container web failed with exit code 3"))
    }

    @Test func jobsAndCronJobs() {
        let job: JSON = ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "migrate", "namespace": "web", "generation": 1],
                         "spec": ["backoffLimit": 2], "status": ["startTime": "2026-11-26T08:00:00Z", "active": 1]]
        #expect(HealthAssessor.assess(job).status == .progressing)
        var complete = job
        complete[path: ["status"]] = ["startTime": "2026-11-26T08:00:00Z", "succeeded": 1,
                                      "conditions": [["type": "SuccessCriteriaMet", "status": "True"], ["type": "Complete", "status": "True"]]]
        #expect(HealthAssessor.assess(complete) == HealthAssessment(.healthy, "Job completed (1 succeeded)"))
        var failed = job
        failed[path: ["status"]] = ["failed": 3, "conditions": [["type": "Failed", "status": "True", "reason": "BackoffLimitExceeded", "message": "Job has reached the specified backoff limit"]]]
        #expect(HealthAssessor.assess(failed) == HealthAssessment(.degraded, "Job failed: Job has reached the specified backoff limit"))

        let cron: JSON = ["apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": "clearsessions", "namespace": "web"],
                          "spec": ["schedule": "0 3 * * *", "suspend": true]]
        #expect(HealthAssessor.assess(cron).status == .suspended)
    }

    @Test func servingObjects() {
        let pvc: JSON = ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "media", "namespace": "web"], "status": ["phase": "Pending"]]
        #expect(HealthAssessor.assess(pvc) == HealthAssessment(.progressing, "claim is Pending"))
        var bound = pvc
        bound[path: ["status", "phase"]] = "Bound"
        #expect(HealthAssessor.assess(bound).status == .healthy)

        let clusterIP: JSON = ["apiVersion": "v1", "kind": "Service", "metadata": ["name": "django", "namespace": "web"],
                               "spec": ["type": "ClusterIP", "clusterIP": "10.96.14.7"], "status": ["loadBalancer": [:]]]
        #expect(HealthAssessor.assess(clusterIP).status == .healthy)
        var balancer = clusterIP
        balancer[path: ["spec", "type"]] = "LoadBalancer"
        #expect(HealthAssessor.assess(balancer).status == .progressing)
        balancer[path: ["status", "loadBalancer", "ingress"]] = [["ip": "203.0.113.7"]]
        #expect(HealthAssessor.assess(balancer).status == .healthy)

        var ingress: JSON = ["apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": ["name": "django", "namespace": "web", "generation": 1], "status": ["loadBalancer": [:]]]
        #expect(HealthAssessor.assess(ingress).status == .progressing)
        ingress[path: ["status", "loadBalancer", "ingress"]] = [["hostname": "web.example.test"]]
        #expect(HealthAssessor.assess(ingress).status == .healthy)

        var crd: JSON = ["apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": ["name": "backups.stash.dev"],
                         "status": ["conditions": [["type": "NamesAccepted", "status": "True"], ["type": "Established", "status": "False", "reason": "Installing"]]]]
        #expect(HealthAssessor.assess(crd).status == .progressing)
        crd[path: ["status", "conditions"]] = [["type": "NamesAccepted", "status": "True"], ["type": "Established", "status": "True"]]
        #expect(HealthAssessor.assess(crd).status == .healthy)
        crd[path: ["status", "conditions"]] = [["type": "NamesAccepted", "status": "False", "reason": "KindConflict", "message": "kind Backup is already in use"]]
        #expect(HealthAssessor.assess(crd) == HealthAssessment(.degraded, "names not accepted: kind Backup is already in use"))

        let terminating: JSON = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "old"], "status": ["phase": "Terminating"]]
        #expect(HealthAssessor.assess(terminating).status == .progressing)
    }

    @Test func statefulSetsAndDaemonSets() {
        var sts: JSON = ["apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "db", "namespace": "web", "generation": 2],
                         "spec": ["replicas": 3],
                         "status": ["observedGeneration": 2, "replicas": 3, "readyReplicas": 2, "currentReplicas": 3, "updatedReplicas": 3,
                                    "currentRevision": "db-6c8f", "updateRevision": "db-6c8f"]]
        #expect(HealthAssessor.assess(sts) == HealthAssessment(.progressing, "waiting for pods to be ready (2/3)"))
        sts[path: ["status", "readyReplicas"]] = 3
        #expect(HealthAssessor.assess(sts).status == .healthy)
        sts[path: ["status", "updateRevision"]] = "db-7d9a"
        #expect(HealthAssessor.assess(sts).status == .progressing)

        var ds: JSON = ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "agent", "namespace": "web", "generation": 1],
                        "status": ["observedGeneration": 1, "desiredNumberScheduled": 2, "currentNumberScheduled": 2,
                                   "updatedNumberScheduled": 2, "numberAvailable": 2, "numberReady": 2]]
        #expect(HealthAssessor.assess(ds).status == .healthy)
        ds[path: ["status", "observedGeneration"]] = nil
        #expect(HealthAssessor.assess(ds).status == .progressing)
    }

    @Test func otherKindsByConditions() {
        let configMap: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "namespace": "web"], "data": ["a": "b"]]
        #expect(HealthAssessor.assess(configMap).status == .healthy)

        var backup: JSON = ["apiVersion": "stash.dev/v1", "kind": "Backup", "metadata": ["name": "nightly", "namespace": "web", "generation": 3],
                            "status": ["observedGeneration": 3, "conditions": [["type": "Ready", "status": "False", "reason": "Pending", "message": "waiting for repository"]]]]
        #expect(HealthAssessor.assess(backup) == HealthAssessment(.progressing, "Pending: waiting for repository"))
        backup[path: ["status", "conditions"]] = [["type": "Ready", "status": "False"], ["type": "Stalled", "status": "True", "reason": "AuthFailed", "message": "bad credentials"]]
        #expect(HealthAssessor.assess(backup) == HealthAssessment(.degraded, "AuthFailed: bad credentials"))
        backup[path: ["status", "conditions"]] = [["type": "Ready", "status": "True", "reason": "Succeeded"]]
        #expect(HealthAssessor.assess(backup).status == .healthy)
        backup[path: ["metadata", "generation"]] = 4
        #expect(HealthAssessor.assess(backup).status == .progressing)

        var deleting = configMap
        deleting[path: ["metadata", "deletionTimestamp"]] = "2026-11-26T08:10:00Z"
        #expect(HealthAssessor.assess(deleting) == HealthAssessment(.progressing, "pending deletion"))
        #expect(HealthAssessor.assess(nil).status == .missing)
    }

    @Test func environmentIsAsHealthyAsItsWorstObjectInArgoOrder() {
        #expect(HealthStatus.allCases.sorted() == [.healthy, .suspended, .progressing, .missing, .degraded, .unknown])
        let web = ObjectIdentity(of: deployment)!
        let settings = ObjectIdentity(type: GroupVersionKind(apiVersion: "v1", kind: "ConfigMap"), namespace: "web", name: "settings")
        let healthy = EnvironmentHealth(identities: [web], live: [web: deployment])
        #expect(healthy.status == .healthy)
        let missing = EnvironmentHealth(identities: [web, settings], live: [web: deployment])
        #expect(missing.status == .missing)
        #expect(missing.description == "Missing: ConfigMap web/settings: not found in the cluster")
        #expect(EnvironmentHealth(entries: []).status == .healthy)
    }

    @Test func waitingEndsHealthyFailsFastOnDegradedAndTimesOut() {
        let web = ObjectIdentity(of: deployment)!
        var rolling = deployment
        rolling[path: ["status", "availableReplicas"]] = 0
        let progressing = EnvironmentHealth(identities: [web], live: [web: rolling])
        #expect(HealthWait.decide(progressing, elapsed: .seconds(10), timeout: .seconds(300)) == .keepWaiting)
        #expect(HealthWait.decide(progressing, elapsed: .seconds(300), timeout: .seconds(300))
                == .failed("Degraded: timed out after 5m0s waiting for health; Progressing: Deployment.apps web/django: waiting for rollout: 0 of 2 updated replicas available"))
        let healthy = EnvironmentHealth(identities: [web], live: [web: deployment])
        #expect(HealthWait.decide(healthy, elapsed: .seconds(1), timeout: .seconds(300)) == .healthy)
        let degraded = EnvironmentHealth(entries: [.init(identity: web, health: HealthAssessment(.degraded, "exceeded its progress deadline"))])
        #expect(HealthWait.decide(degraded, elapsed: .seconds(1), timeout: .seconds(300)) == .failed("Degraded: Deployment.apps web/django: exceeded its progress deadline"))
    }
}
