import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// StatefulSets and DaemonSets as their controllers run them: ordered pods with stable names,
/// hostnames and claims; ControllerRevisions that `kubectl rollout history` and `undo` use.
@Suite struct StatefulWorkloadTests {
    static func statefulSet(image: String, replicas: Int = 3, partition: Int? = nil) -> String {
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: default}
        spec:
          serviceName: db
          replicas: \(replicas)
          selector: {matchLabels: {app: db}}
        \(partition.map { "  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: \($0)}}" } ?? "")
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: \(image)}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """
    }

    @Test func orderedPodsWithStableIdentityAndClaims() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(Self.statefulSet(image: "postgres:16"))
            #expect(try await cluster.kubectl("rollout", "status", "statefulset/db", "--timeout=60s").status == 0)
            // OrderedReady: each pod was created after the one before it became Ready.
            let events = try JSON(parsing: try await cluster.kubectl("get", "events", "--field-selector",
                                                                     "involvedObject.name=db,reason=SuccessfulCreate", "-o", "json").stdout)
            let creations = (events["items"]?.arrayValue ?? [])
                .sorted { Int($0[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0 < Int($1[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0 }
                .compactMap { $0["message"]?.stringValue }
            #expect(creations == ["create Pod db-0 in StatefulSet db successful", "create Pod db-1 in StatefulSet db successful",
                                  "create Pod db-2 in StatefulSet db successful"])
            let pods = try JSON(parsing: try await cluster.kubectl("get", "pods", "-l", "app=db", "-o", "json").stdout)["items"]?.arrayValue ?? []
            #expect(pods.count == 3)
            let pod = try await cluster.kubectl("get", "pod", "db-1", "-o",
                                                "jsonpath={.spec.hostname}/{.spec.subdomain}/{.spec.volumes[0].persistentVolumeClaim.claimName}")
            #expect(pod.stdout == "db-1/db/data-db-1")
            #expect(try await cluster.kubectl("get", "pvc", "data-db-2", "-o", "jsonpath={.metadata.labels.app}").stdout == "db")
            let podReady = try await cluster.kubectl("get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].metadata.labels.apps\\.kubernetes\\.io/pod-index}")
            #expect(podReady.stdout == "0 1 2")
        }
    }

    @Test(arguments: ["statefulset", "daemonset"])
    func rolloutHistoryAndUndoWorkThroughControllerRevisions(kind: String) async throws {
        try await withCluster(timeScale: 20) { cluster in
            let manifest: (String) -> String = { image in
                kind == "statefulset" ? Self.statefulSet(image: image, replicas: 2) : """
                    apiVersion: apps/v1
                    kind: DaemonSet
                    metadata: {name: db, namespace: default}
                    spec:
                      selector: {matchLabels: {app: db}}
                      template:
                        metadata: {labels: {app: db}}
                        spec:
                          containers: [{name: db, image: \(image)}]
                    """
            }
            try await cluster.apply(manifest("postgres:16"))
            #expect(try await cluster.kubectl("rollout", "status", "\(kind)/db", "--timeout=60s").status == 0)
            try await cluster.apply(manifest("postgres:17"))
            let updated = try await cluster.kubectl("rollout", "status", "\(kind)/db", "--timeout=60s")
            #expect(updated.status == 0, "\(updated.stderr)")
            let images = try await cluster.kubectl("get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].spec.containers[0].image}")
            #expect(Set(images.stdout.split(separator: " ")) == ["postgres:17"])
            let history = try await cluster.kubectl("rollout", "history", "\(kind)/db")
            #expect(history.status == 0, "\(history.stderr)")
            #expect(history.stdout.contains("REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>"), "\(history.stdout)")
            let detail = try await cluster.kubectl("rollout", "history", "\(kind)/db", "--revision=1")
            #expect(detail.stdout.contains("postgres:16"), "\(detail.stdout) \(detail.stderr)")
            let undone = try await cluster.kubectl("rollout", "undo", "\(kind)/db")
            #expect(undone.status == 0, "\(undone.stderr)")
            #expect(undone.stdout.contains("rolled back"))
            #expect(try await cluster.kubectl("rollout", "status", "\(kind)/db", "--timeout=60s").status == 0)
            let back = try await eventually(timeout: .seconds(60)) {
                let images = try await cluster.kubectl("get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].spec.containers[0].image}")
                return Set(images.stdout.split(separator: " ")) == ["postgres:16"]
            }
            #expect(back)
            #expect(try await cluster.kubectl("get", "controllerrevisions", "-o", "name").stdout.split(separator: "\n").count == 2)
        }
    }

    /// A partition keeps the lower ordinals at the old revision.
    @Test func aPartitionedRollingUpdateStopsAtThePartition() async throws {
        try await withCluster(timeScale: 20) { cluster in
            try await cluster.apply(Self.statefulSet(image: "redis:7.0", replicas: 3, partition: 2))
            #expect(try await cluster.kubectl("rollout", "status", "statefulset/db", "--timeout=60s").status == 0)
            try await cluster.apply(Self.statefulSet(image: "redis:7.2", replicas: 3, partition: 2))
            let partitioned = try await eventually(timeout: .seconds(60)) {
                try await cluster.kubectl("get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].spec.containers[0].image}").stdout
                    == "redis:7.0 redis:7.0 redis:7.2"
            }
            #expect(partitioned)
            let status = try await cluster.kubectl("get", "sts", "db", "-o", "jsonpath={.status.updatedReplicas}/{.status.currentReplicas}")
            #expect(status.stdout == "1/2")
        }
    }
}
