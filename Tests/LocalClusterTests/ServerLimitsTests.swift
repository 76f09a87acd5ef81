import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// The size limits and allocator checks of a real server: request bodies (3 MiB), stored objects
/// (etcd's 1.5 MiB), annotations (256 KiB), ConfigMap data (1 MiB), Service cluster IPs and node ports.
@Suite struct ServerLimitsTests {
    @Test func oversizedBodiesObjectsAndAnnotationsAreRefused() async throws {
        try await withCluster { cluster in
            func configMap(_ name: String, value: Int, annotation: Int = 0) -> String {
                var object: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)],
                                    "data": ["big": .string(String(repeating: "x", count: value))]]
                if annotation > 0 { object[path: ["metadata", "annotations"]] = ["note": .string(String(repeating: "y", count: annotation))] }
                return object.serialized()
            }
            let path = "/api/v1/namespaces/default/configmaps"
            let huge = try await cluster.curl(path, method: "POST", headers: ["Content-Type: application/json"],
                                              body: configMap("huge", value: 3_200_000))
            #expect(huge.httpStatus == 413)
            #expect(huge.httpBody.contains("Request entity too large: limit is 3145728"))
            let tooMuchData = try await cluster.curl(path, method: "POST", headers: ["Content-Type: application/json"],
                                                     body: configMap("data", value: 1_100_000))
            #expect(tooMuchData.httpStatus == 422)
            #expect(tooMuchData.httpBody.contains("Too long: may not be more than 1048576 bytes"))
            let annotated = try await cluster.curl(path, method: "POST", headers: ["Content-Type: application/json"],
                                                   body: configMap("noted", value: 1, annotation: 300_000))
            #expect(annotated.httpStatus == 422)
            #expect(annotated.httpBody.contains("metadata.annotations: Too long: may not be more than 262144 bytes"))
            // Over etcd's 1.5 MiB while every field is within its own limit: a long environment value.
            var deployment = try JSON(parsing: try await cluster.kubectl("create", "deployment", "wide", "--image=nginx", "--dry-run=client", "-o", "json").stdout)
            deployment[path: ["spec", "template", "spec", "containers"]] = [["name": "nginx", "image": "nginx",
                                                                             "env": [["name": "BLOB", "value": .string(String(repeating: "z", count: 1_600_000))]]]]
            let stored = try await cluster.curl("/apis/apps/v1/namespaces/default/deployments", method: "POST",
                                                headers: ["Content-Type: application/json"], body: deployment.serialized())
            #expect(stored.httpStatus == 413, "\(stored.httpBody.prefix(300))")
            #expect(stored.httpBody.contains("etcdserver: request is too large"))
        }
    }

    @Test func servicesCannotTakeAnAllocatedOrOutOfRangeAddressOrPort() async throws {
        try await withCluster { cluster in
            func service(_ name: String, clusterIP: String? = nil, nodePort: Int? = nil) -> String {
                """
                apiVersion: v1
                kind: Service
                metadata: {name: \(name), namespace: default}
                spec:
                  type: \(nodePort == nil ? "ClusterIP" : "NodePort")
                \(clusterIP.map { "  clusterIP: \($0)" } ?? "")
                  ports: [{port: 80\(nodePort.map { ", nodePort: \($0)" } ?? "")}]
                """
            }
            #expect(try await cluster.apply(service("first", clusterIP: "10.96.5.5", nodePort: 30080)).status == 0)
            let takenIP = try await cluster.apply(service("second", clusterIP: "10.96.5.5"))
            #expect(takenIP.stderr.contains(#"spec.clusterIPs: Invalid value: []string{"10.96.5.5"}: failed to allocate IP 10.96.5.5: provided IP is already allocated"#), "\(takenIP.stderr)")
            let outside = try await cluster.apply(service("third", clusterIP: "192.168.1.1"))
            #expect(outside.stderr.contains("failed to allocate IP 192.168.1.1: the provided network does not match the current range"))
            let takenPort = try await cluster.apply(service("fourth", nodePort: 30080))
            #expect(takenPort.stderr.contains("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"))
            let badPort = try await cluster.apply(service("fifth", nodePort: 80))
            #expect(badPort.stderr.contains("provided port is not in the valid range. The range of valid ports is 30000-32767"))
            let moved = try await cluster.kubectl("patch", "svc", "first", "--type=merge", "-p", #"{"spec":{"clusterIP":"10.96.7.7"}}"#)
            #expect(moved.stderr.contains("spec.clusterIPs[0]: Invalid value: []string{\"10.96.7.7\"}: may not change once set"), "\(moved.stderr)")
            #expect(try await cluster.kubectl("get", "svc", "first", "-o", "jsonpath={.spec.clusterIP}").stdout == "10.96.5.5")
            // Re-applying the same Service keeps its own address and port.
            #expect(try await cluster.apply(service("first", clusterIP: "10.96.5.5", nodePort: 30080)).status == 0)
        }
    }

    /// Services created at the same moment never share an address (allocation happens inside the
    /// store, as the registry's allocator does).
    @Test func concurrentServicesGetDistinctAddresses() async throws {
        try await withCluster { cluster in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        try await cluster.curl("/api/v1/namespaces/default/services", method: "POST", headers: ["Content-Type: application/json"],
                                               body: #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"s\#(index)"},"spec":{"type":"NodePort","ports":[{"port":80}]}}"#).httpStatus
                    }
                }
                for try await status in group { #expect(status == 201) }
            }
            let addresses = try await cluster.kubectl("get", "svc", "-o", "jsonpath={.items[*].spec.clusterIP}").stdout.split(separator: " ")
            #expect(addresses.count == 17 && Set(addresses).count == 17)
            let ports = try await cluster.kubectl("get", "svc", "-o", "jsonpath={.items[*].spec.ports[*].nodePort}").stdout.split(separator: " ")
            #expect(ports.count == 16 && Set(ports).count == 16)
        }
    }
}
