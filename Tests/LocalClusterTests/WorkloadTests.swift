import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// The simulated controllers as kubectl sees them: rollouts, waits, scaling, unpullable images.
@Suite struct WorkloadTests {
    @Test func rolloutStatusAndWaitForAvailable() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("web"))
            let rollout = try await cluster.kubectl("rollout", "status", "deployment/web", "--timeout=30s")
            #expect(rollout.status == 0)
            #expect(rollout.stdout.contains(#"deployment "web" successfully rolled out"#))
            let wait = try await cluster.kubectl("wait", "--for=condition=Available", "deployment/web", "--timeout=60s")
            #expect(wait.stdout == "deployment.apps/web condition met\n")
            let table = try await cluster.kubectl("get", "deployment", "web")
            #expect(table.stdout.hasPrefix("NAME   READY   UP-TO-DATE   AVAILABLE   AGE"))
            #expect(table.stdout.contains("web    2/2     2            2"))
            let pods = try await cluster.kubectl("get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.status.phase} {end}")
            #expect(pods.stdout == "Running Running ")
            let logs = try await cluster.kubectl("logs", "deployment/web")
            #expect(logs.stdout.contains("container main (image nginx:1.25) is simulated"), "\(logs.stderr)")
            let podTable = try await cluster.kubectl("get", "pods")
            #expect(podTable.stdout.hasPrefix("NAME                   READY   STATUS    RESTARTS   AGE"))
            let replicaSet = try await cluster.kubectl("get", "rs", "-o", "jsonpath={.items[0].metadata.name} {.items[0].metadata.labels.pod-template-hash}")
            let parts = replicaSet.stdout.split(separator: " ")
            #expect(parts.count == 2 && parts[0] == "web-\(parts[1])")
        }
    }

    @Test func scalingAndANewTemplateRollOutAndRollBack() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("app"))
            _ = try await cluster.kubectl("rollout", "status", "deployment/app", "--timeout=30s")
            let scaled = try await cluster.kubectl("scale", "deployment", "app", "--replicas=3")
            #expect(scaled.stdout == "deployment.apps/app scaled\n")
            _ = try await cluster.kubectl("rollout", "status", "deployment/app", "--timeout=30s")
            #expect(try await cluster.kubectl("get", "deploy", "app", "-o", "jsonpath={.status.readyReplicas}").stdout == "3")
            _ = try await cluster.kubectl("set", "image", "deployment/app", "main=nginx:1.26")
            #expect(try await cluster.kubectl("rollout", "status", "deployment/app", "--timeout=30s").status == 0)
            let sets = try await cluster.kubectl("get", "rs", "-o", "jsonpath={range .items[*]}{.spec.replicas}{\" \"}{end}")
            #expect(sets.stdout.split(separator: " ").sorted() == ["0", "3"])
            #expect(try await cluster.kubectl("get", "deploy", "app", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}").stdout == "2")
            _ = try await cluster.kubectl("rollout", "undo", "deployment/app")
            #expect(try await cluster.kubectl("rollout", "status", "deployment/app", "--timeout=30s").status == 0)
            let count = try await cluster.kubectl("get", "rs", "-o", "name").stdout.split(separator: "\n").count
            #expect(count == 2)
            #expect(try await cluster.kubectl("get", "deploy", "app", "-o", "jsonpath={.spec.template.spec.containers[0].image}").stdout == "nginx:1.25")
            #expect(try await cluster.kubectl("get", "deploy", "app", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}").stdout == "3")
        }
    }

    @Test func anUnpullableImageExceedsTheProgressDeadline() async throws {
        try await withCluster(timeScale: 50) { cluster in
            try await cluster.apply(TestManifests.deployment("broken", image: "nginx:broken", replicas: 1, progressDeadline: 100))
            let rollout = try await cluster.kubectl("rollout", "status", "deployment/broken", "--timeout=60s")
            #expect(rollout.status != 0)
            #expect(rollout.stderr.contains(#"error: deployment "broken" exceeded its progress deadline"#))
            let exceeded = try await eventually {
                try await cluster.kubectl("get", "deploy", "broken", "-o",
                                          #"jsonpath={.status.conditions[?(@.type=="Progressing")].reason}"#).stdout == "ProgressDeadlineExceeded"
            }
            #expect(exceeded)
            let status = try await cluster.kubectl("get", "pods", "-l", "app=broken", "--no-headers", "-o", "custom-columns=S:.status.containerStatuses[0].state.waiting.reason,P:.status.phase")
            #expect(status.stdout.contains("ImagePullBackOff") || status.stdout.contains("ErrImagePull"))
            #expect(status.stdout.contains("Pending"))
            let events = try await cluster.kubectl("describe", "pods", "-l", "app=broken")
            #expect(events.stdout.contains(#"Back-off pulling image "nginx:broken""#))
            let deploymentEvents = try await cluster.kubectl("get", "events", "--field-selector", "involvedObject.kind=Deployment", "-o", "jsonpath={.items[*].reason}")
            #expect(deploymentEvents.stdout.contains("ScalingReplicaSet"))
        }
    }

    @Test func progressRestartsTheDeadlineClock() async throws {
        try await withCluster(timeScale: 20) { cluster in
            // A 240 s deadline is 12 s here (loose enough for a loaded test machine); a scale long after
            // the last rollout must not exceed it.
            try await cluster.apply(TestManifests.deployment("calm", replicas: 1, progressDeadline: 240))
            let first = try await cluster.kubectl("rollout", "status", "deployment/calm", "--timeout=60s")
            let state = try await cluster.kubectl("get", "deploy,rs,pods", "-o", "yaml")
            #expect(first.status == 0, "\(first.stdout) \(first.stderr) \(state.stdout)")
            try await Task.sleep(for: .milliseconds(12500))
            _ = try await cluster.kubectl("scale", "deployment", "calm", "--replicas=3")
            let rollout = try await cluster.kubectl("rollout", "status", "deployment/calm", "--timeout=60s")
            #expect(rollout.status == 0, "\(rollout.stderr)")
        }
    }

    @Test func jobsCompleteAndOtherWorkloadsGetStatus() async throws {
        try await withCluster(timeScale: 40) { cluster in
            let result = try await cluster.apply("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once, namespace: default}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: run, image: busybox:1.36, command: ["true"]}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: default}
                spec:
                  replicas: 2
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: postgres:16}]}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: default}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: agent, image: busybox:1.36}]}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data, namespace: default}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: front, namespace: default}
                spec:
                  type: LoadBalancer
                  selector: {app: web}
                  ports: [{port: 80}]
                """)
            #expect(result.status == 0, "\(result.stderr)")
            let complete = try await cluster.kubectl("wait", "--for=condition=Complete", "job/once", "--timeout=60s")
            #expect(complete.status == 0, "\(complete.stderr)")
            #expect(try await cluster.kubectl("rollout", "status", "statefulset/db", "--timeout=60s").status == 0)
            #expect(try await cluster.kubectl("rollout", "status", "daemonset/agent", "--timeout=60s").status == 0)
            let bound = try await cluster.kubectl("wait", "--for=jsonpath={.status.phase}=Bound", "pvc/data", "--timeout=60s")
            #expect(bound.status == 0, "\(bound.stderr)")
            let ingress = try await eventually {
                try await cluster.kubectl("get", "svc", "front", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}").stdout.hasPrefix("127.0.0.")
            }
            #expect(ingress)
            let service = try await cluster.kubectl("get", "svc", "front")
            #expect(service.stdout.hasPrefix("NAME    TYPE           CLUSTER-IP"))
            #expect(service.stdout.contains("LoadBalancer   10.96."))
            #expect(service.stdout.contains("80:3"))
            let pods = try await cluster.kubectl("get", "pods", "-l", "app=db", "-o", "name")
            #expect(pods.stdout == "pod/db-0\npod/db-1\n")
        }
    }
}

@Suite struct DeploymentStrategyTests {
    @Test func recreateNeverRunsOldAndNewPodsTogether() async throws {
        try await withCluster(timeScale: 10) { cluster in
            let manifest = TestManifests.deployment("re").replacingOccurrences(of: "  replicas: 2\n", with: "  replicas: 2\n  strategy: {type: Recreate}\n")
            try await cluster.apply(manifest)
            _ = try await cluster.kubectl("rollout", "status", "deployment/re", "--timeout=60s")
            _ = try await cluster.kubectl("set", "image", "deployment/re", "main=nginx:1.26")
            var mixed = false
            let done = try await eventually(timeout: .seconds(20)) {
                let images = try await cluster.kubectl("get", "pods", "-l", "app=re", "-o", "jsonpath={.items[*].spec.containers[0].image}")
                let set = Set(images.stdout.split(separator: " "))
                if set.count > 1 { mixed = true }
                return images.stdout == "nginx:1.26 nginx:1.26"
            }
            #expect(done)
            #expect(!mixed)
            #expect(try await cluster.kubectl("rollout", "status", "deployment/re", "--timeout=60s").status == 0)
        }
    }

    @Test func aPausedDeploymentDoesNotRollOut() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("held"))
            _ = try await cluster.kubectl("rollout", "status", "deployment/held", "--timeout=60s")
            _ = try await cluster.kubectl("rollout", "pause", "deployment/held")
            _ = try await cluster.kubectl("set", "image", "deployment/held", "main=nginx:1.27")
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await cluster.kubectl("get", "rs", "-o", "name").stdout.split(separator: "\n").count == 1)
            let reason = try await cluster.kubectl("get", "deploy", "held", "-o", #"jsonpath={.status.conditions[?(@.type=="Progressing")].reason}"#)
            #expect(reason.stdout == "DeploymentPaused")
            // The new template has no ReplicaSet yet: nothing is updated, so the rollout is not done.
            let waiting = try await cluster.kubectl("rollout", "status", "deployment/held", "--timeout=2s")
            #expect(waiting.status != 0)
            #expect(waiting.stdout.contains("0 out of 2 new replicas have been updated"), "\(waiting.stdout)")
            _ = try await cluster.kubectl("rollout", "resume", "deployment/held")
            #expect(try await cluster.kubectl("rollout", "status", "deployment/held", "--timeout=60s").status == 0)
        }
    }
}

/// The rolling-update arithmetic on its own (pkg/controller/deployment/rolling.go semantics).
@Suite struct RolloutPlanTests {
    private func replicaSet(spec: Int64, available: Int64) -> JSON {
        ["spec": ["replicas": .int(spec)], "status": ["replicas": .int(spec), "availableReplicas": .int(available)]]
    }

    @Test func aNewReplicaSetGrowsWithinMaxSurgeAndOldOnesShrinkAsItBecomesAvailable() {
        // 4 replicas, 25%: maxSurge 1, maxUnavailable 1.
        let start = RolloutPlan.rolling(new: replicaSet(spec: 0, available: 0), olds: [replicaSet(spec: 4, available: 4)],
                                        desired: 4, maxSurge: 1, maxUnavailable: 1)
        #expect(start.newReplicas == 1)
        #expect(start.oldReplicas == [3])
        let later = RolloutPlan.rolling(new: replicaSet(spec: 2, available: 2), olds: [replicaSet(spec: 3, available: 3)],
                                        desired: 4, maxSurge: 1, maxUnavailable: 1)
        #expect(later.newReplicas == 2)
        #expect(later.oldReplicas == [1])   // 5 pods, 3 must stay available: 2 old ones may go
    }

    @Test func aNewReplicaSetThatNeverBecomesAvailableLeavesTheOldOneServing() {
        let stuck = RolloutPlan.rolling(new: replicaSet(spec: 1, available: 0), olds: [replicaSet(spec: 2, available: 2)],
                                        desired: 2, maxSurge: 1, maxUnavailable: 0)
        #expect(stuck.newReplicas == 1)
        #expect(stuck.oldReplicas == [2])
    }
}

@Suite struct ServiceTests {
    @Test func servicesKeepTheirAllocationsAcrossReplaceAndGetNodePortsForNewPorts() async throws {
        try await withCluster { cluster in
            let manifest = """
                apiVersion: v1
                kind: Service
                metadata: {name: np, namespace: default}
                spec:
                  type: NodePort
                  selector: {app: web}
                  ports: [{name: http, port: 80}]
                """
            try await cluster.apply(manifest, "--server-side")
            let before = try await cluster.kubectl("get", "svc", "np", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort}").stdout
            #expect(before.hasPrefix("10.96."))
            let replaced = try await cluster.kubectl(["replace", "-f", "-"], input: manifest)
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(try await cluster.kubectl("get", "svc", "np", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort}").stdout == before)
            let twoPorts = manifest.replacingOccurrences(of: "ports: [{name: http, port: 80}]", with: "ports: [{name: http, port: 80}, {name: alt, port: 81}]")
            #expect(try await cluster.apply(twoPorts, "--server-side").status == 0)
            let nodePorts = try await cluster.kubectl("get", "svc", "np", "-o", "jsonpath={.spec.ports[*].nodePort}").stdout.split(separator: " ")
            #expect(nodePorts.count == 2)
            #expect(Set(nodePorts).count == 2)
        }
    }
}

@Suite struct EndpointsTests {
    @Test func servicesGetEndpointsOfTheirReadyPods() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("ep", replicas: 2))
            try await cluster.apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: ep, namespace: default}
                spec:
                  selector: {app: ep}
                  ports: [{port: 80, targetPort: 80}]
                """)
            _ = try await cluster.kubectl("rollout", "status", "deployment/ep", "--timeout=60s")
            let two = try await eventually {
                try await cluster.kubectl("get", "endpoints", "ep", "-o", "jsonpath={.subsets[0].addresses[*].ip}").stdout
                    .split(separator: " ").count == 2
            }
            #expect(two)
            let table = try await cluster.kubectl("get", "endpoints", "ep")
            #expect(table.stdout.hasPrefix("NAME   ENDPOINTS"))
            #expect(table.stdout.contains(":80,"))
            let slice = try await cluster.kubectl("get", "endpointslices", "-l", "kubernetes.io/service-name=ep", "-o", "jsonpath={.items[0].endpoints[*].conditions.ready}")
            #expect(slice.stdout == "true true")
        }
    }
}

extension EndpointsTests {
    /// The endpointslice controller always sets the port name pointer, so an unnamed Service port
    /// reads `name: ""` in the slice; kubectl 1.32/1.33 `describe svc` dereferences it and panicked
    /// without it (k8s.io/kubectl describe.go formatEndpointSlices).
    @Test(arguments: ["/usr/lib/google-cloud-sdk/bin/kubectl.1.32", "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"])
    func describeShowsAServiceWithAnUnnamedPortAndReadyEndpoints(binary: String) async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("plain", replicas: 1))
            try await cluster.apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: plain, namespace: default}
                spec:
                  selector: {app: plain}
                  ports: [{port: 80}]
                """)
            #expect(try await cluster.kubectl("rollout", "status", "deployment/plain", "--timeout=30s").status == 0)
            let ready = try await eventually {
                try await cluster.kubectl("get", "endpointslices", "-l", "kubernetes.io/service-name=plain", "-o",
                                          "jsonpath={.items[0].endpoints[0].conditions.ready}").stdout == "true"
            }
            #expect(ready)
            let port = try await cluster.kubectl("get", "endpointslices", "-l", "kubernetes.io/service-name=plain", "-o", "json")
            let slice = try JSON(parsing: port.stdout)[path: ["items"]]?.arrayValue?.first
            #expect(slice?["ports"] == [["name": "", "port": 80, "protocol": "TCP"]])
            let endpoints = try await cluster.kubectl("get", "endpoints", "plain", "-o", "jsonpath={.subsets[0].ports[0]}")
            #expect(endpoints.stdout == #"{"port":80,"protocol":"TCP"}"#)
            let described = try await cluster.kubectl(["describe", "svc", "plain"], binary: binary)
            #expect(described.status == 0, "\(described.stderr)")
            #expect(described.stdout.contains("Endpoints:"))
            #expect(described.stdout.contains("<unset>  80/TCP"))
        }
    }
}

@Suite struct DisruptionBudgetTests {
    @Test func budgetsCountHealthyPodsAndAllowedDisruptions() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("guarded", replicas: 2))
            try await cluster.apply("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: guarded, namespace: default}
                spec: {minAvailable: 1, selector: {matchLabels: {app: guarded}}}
                """)
            let settled = try await eventually {
                try await cluster.kubectl("get", "pdb", "guarded", "-o",
                                          "jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/{.status.disruptionsAllowed}").stdout == "2/1/1"
            }
            #expect(settled)
            #expect(try await cluster.kubectl("get", "pdb", "guarded", "-o", "jsonpath={.status.observedGeneration}").stdout == "1")
        }
    }
}

@Suite struct AutoscalerTests {
    @Test func autoscalersReportTheirTargetWithoutAMetricsServer() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(TestManifests.deployment("scaled", replicas: 2))
            try await cluster.apply("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: scaled, namespace: default}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: scaled}
                  minReplicas: 1
                  maxReplicas: 5
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
                """)
            let reported = try await eventually {
                try await cluster.kubectl("get", "hpa", "scaled", "-o", "jsonpath={.status.currentReplicas}/{.status.desiredReplicas}").stdout == "2/2"
            }
            #expect(reported)
            let active = try await cluster.kubectl("get", "hpa", "scaled", "-o", #"jsonpath={.status.conditions[?(@.type=="ScalingActive")].reason}"#)
            #expect(active.stdout == "FailedGetResourceMetric")
        }
    }
}

@Suite struct CronJobTests {
    @Test func cronSchedulesFindTheirNextMinute() throws {
        let start = Date(timeIntervalSince1970: 1_700_000_000)   // 2023-11-14T22:13:20Z
        #expect(Timestamps.format(try #require(CronTimetable("*/15 * * * *")?.next(after: start))) == "2023-11-14T22:15:00Z")
        #expect(Timestamps.format(try #require(CronTimetable("@daily")?.next(after: start))) == "2023-11-15T00:00:00Z")
        #expect(Timestamps.format(try #require(CronTimetable("30 9 * * 1-5")?.next(after: start))) == "2023-11-15T09:30:00Z")
        #expect(CronTimetable("61 * * * *") == nil)
        #expect(CronTimetable("* * *") == nil)
    }

    @Test func aCronJobCreatesJobsOnScheduleInScaledTime() async throws {
        try await withCluster(timeScale: 60) { cluster in
            try await cluster.apply("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick, namespace: default}
                spec:
                  schedule: "* * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: tick, image: busybox:1.36}]
                """)
            let scheduled = try await eventually {
                !(try await cluster.kubectl("get", "cronjob", "tick", "-o", "jsonpath={.status.lastScheduleTime}").stdout.isEmpty)
            }
            #expect(scheduled)
            let jobs = try await cluster.kubectl("get", "jobs", "-o", "jsonpath={.items[*].metadata.ownerReferences[0].name}")
            #expect(jobs.stdout.hasPrefix("tick"))
            // It keeps firing at any time scale (a minute is one second here), each Job for its own minute.
            let first = try await cluster.kubectl("get", "cronjob", "tick", "-o", "jsonpath={.status.lastScheduleTime}").stdout
            let several = try await eventually(timeout: .seconds(60)) {
                let names = try await cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=tick,reason=SuccessfulCreate",
                                                      "-o", "jsonpath={.items[*].message}").stdout
                return Set(names.components(separatedBy: "Created job ").filter { !$0.isEmpty }).count >= 3
            }
            #expect(several)
            #expect(try await cluster.kubectl("get", "cronjob", "tick", "-o", "jsonpath={.status.lastScheduleTime}").stdout != first)
            let table = try await cluster.kubectl("get", "cronjob", "tick")
            #expect(table.stdout.hasPrefix("NAME   SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE"))
        }
    }
}
