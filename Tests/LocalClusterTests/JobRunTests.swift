import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// How simulated containers run (README, "Jobs that fail or take time"): `sleep N` takes N
/// scaled seconds, `exit N` / `false` / an image matching `*:fails` fail; a Job then retries up to
/// `backoffLimit` and ends Failed with the job controller's conditions, its pods Failed with the
/// exit code and a termination message.
@Suite struct JobRunTests {
    static func job(_ name: String, image: String = "busybox:1.36", command: String? = nil, backoffLimit: Int = 6,
                    deadline: Int? = nil, restartPolicy: String = "Never") -> String {
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: \(name), namespace: default}
        spec:
          backoffLimit: \(backoffLimit)
        \(deadline.map { "  activeDeadlineSeconds: \($0)" } ?? "")
          template:
            spec:
              restartPolicy: \(restartPolicy)
              containers:
              - name: run
                image: \(image)
        \(command.map { "        command: \($0)" } ?? "")
        """
    }

    @Test func aFailingImageExhaustsTheBackoffLimit() async throws {
        try await withCluster(timeScale: 100) { cluster in
            try await cluster.apply(Self.job("broken", image: "example.com/tool:fails", backoffLimit: 2))
            let failed = try await cluster.kubectl("wait", "--for=condition=Failed", "job/broken", "--timeout=60s")
            #expect(failed.status == 0, "\(failed.stderr)")
            let condition = try await cluster.kubectl("get", "job", "broken", "-o",
                                                      #"jsonpath={.status.conditions[?(@.type=="Failed")].reason}/{.status.failed}/{.status.conditions[0].type}"#)
            #expect(condition.stdout == "BackoffLimitExceeded/3/FailureTarget")
            let pods = try JSON(parsing: try await cluster.kubectl("get", "pods", "-l", "job-name=broken", "-o", "json").stdout)["items"]?.arrayValue ?? []
            #expect(pods.count == 3)
            let terminated = pods.first?[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "terminated"]]
            #expect(pods.allSatisfy { $0[path: ["status", "phase"]] == "Failed" })
            #expect(terminated?["exitCode"] == 1 && terminated?["reason"] == "Error")
            #expect(terminated?["message"]?.stringValue?.contains("example.com/tool:fails") == true)
            let warning = try await cluster.kubectl("get", "events", "--field-selector", "involvedObject.name=broken,reason=BackoffLimitExceeded",
                                                    "-o", "jsonpath={.items[0].message}")
            #expect(warning.stdout == "Job has reached the specified backoff limit")
        }
    }

    @Test func anExitCommandFailsThePodWithItsCode() async throws {
        try await withCluster(timeScale: 50) { cluster in
            try await cluster.apply(Self.job("exits", command: #"["sh", "-c", "echo starting; exit 3"]"#, backoffLimit: 0))
            #expect(try await cluster.kubectl("wait", "--for=condition=Failed", "job/exits", "--timeout=60s").status == 0)
            let code = try await cluster.kubectl("get", "pods", "-l", "job-name=exits", "-o",
                                                 "jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}")
            #expect(code.stdout == "3")
        }
    }

    /// `sleep 60` takes a minute of cluster time: three seconds at time scale 20.
    @Test func aSleepTakesScaledTime() async throws {
        try await withCluster(timeScale: 20) { cluster in
            let started = Date()
            try await cluster.apply(Self.job("slow", command: #"["sh", "-c", "sleep 60 && echo done"]"#))
            #expect(try await cluster.kubectl("wait", "--for=condition=Complete", "job/slow", "--timeout=60s").status == 0)
            #expect(Date().timeIntervalSince(started) >= 2.5)
            try await cluster.apply(Self.job("late", command: #"["sleep", "600"]"#, deadline: 40))
            let late = try await cluster.kubectl("wait", "--for=condition=Failed", "job/late", "--timeout=60s")
            #expect(late.status == 0, "\(late.stderr)")
            #expect(try await cluster.kubectl("get", "job", "late", "-o", #"jsonpath={.status.conditions[?(@.type=="Failed")].reason}"#).stdout
                    == "DeadlineExceeded")
        }
    }

    /// OnFailure restarts the container in place; each restart counts against the limit.
    @Test func onFailureRestartsCountAgainstTheLimit() async throws {
        try await withCluster(timeScale: 100) { cluster in
            try await cluster.apply(Self.job("restarts", command: #"["false"]"#, backoffLimit: 1, restartPolicy: "OnFailure"))
            #expect(try await cluster.kubectl("wait", "--for=condition=Failed", "job/restarts", "--timeout=60s").status == 0)
            #expect(try await cluster.kubectl("get", "job", "restarts", "-o", "jsonpath={.status.failed}").stdout == "2")
        }
    }

    /// A Deployment whose container exits crash-loops and never becomes available.
    @Test func aFailingDeploymentCrashLoops() async throws {
        try await withCluster(timeScale: 50) { cluster in
            try await cluster.apply(TestManifests.deployment("crashy", image: "busybox:fails", replicas: 1))
            let looping = try await eventually(timeout: .seconds(60)) {
                let pod = try await cluster.kubectl("get", "pods", "-l", "app=crashy", "-o",
                                                    "jsonpath={.items[0].status.containerStatuses[0].state.waiting.reason}/{.items[0].status.containerStatuses[0].restartCount}")
                return pod.stdout.hasPrefix("CrashLoopBackOff/") && !pod.stdout.hasSuffix("/0")
            }
            #expect(looping)
            let shown = try await eventually { try await cluster.kubectl("get", "pods", "-l", "app=crashy").stdout.contains("CrashLoopBackOff") }
            #expect(shown)
            let unavailable = try await eventually {
                try await cluster.kubectl("get", "deploy", "crashy", "-o", "jsonpath={.status.unavailableReplicas}").stdout == "1"
            }
            #expect(unavailable)
        }
    }
}
