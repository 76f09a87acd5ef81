import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// Where the embedded cluster knowingly differs from kube-apiserver 1.32 (Sources/LocalCluster/
/// README.md, "Deviations"): each test pins the documented behaviour, so a change to it is seen.
@Suite struct DeviationTests {
    /// Quotas are stored and printed but not enforced (no quota admission, no usage).
    @Test func resourceQuotasAreNotEnforced() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kubectl("create", "quota", "one-pod", "--hard=pods=1").status == 0)
            #expect(try await cluster.kubectl("run", "first", "--image=nginx").status == 0)
            let second = try await cluster.kubectl("run", "second", "--image=nginx")
            #expect(second.status == 0, "a real server refuses: exceeded quota: one-pod")
        }
    }

    /// The one node takes every pod: node selectors, affinity and taints are not scheduled on.
    @Test func schedulingConstraintsAreNotEvaluated() async throws {
        try await withCluster { cluster in
            try await cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: picky, namespace: default}
                spec:
                  nodeSelector: {disktype: ssd}
                  containers: [{name: main, image: nginx}]
                """)
            let bound = try await eventually(timeout: 60) { try await cluster.kubectl("get", "pod", "picky", "-o", "jsonpath={.spec.nodeName}").stdout == "local-node" }
            #expect(bound, "a real scheduler leaves it Pending: 0/1 nodes are available")
        }
    }

    /// The server reads protobuf bodies but always answers JSON (clients accept either).
    @Test func responsesAreJSONEvenWhenProtobufIsPreferred() async throws {
        try await withCluster { cluster in
            let response = try await cluster.curl("/api/v1/namespaces/default", headers: ["Accept: application/vnd.kubernetes.protobuf, application/json"])
            #expect(response.httpStatus == 200)
            #expect(response.httpBody.hasPrefix("{"))
        }
    }
}
