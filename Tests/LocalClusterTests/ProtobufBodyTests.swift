import Foundation
import Testing
@testable import LocalCluster
import Manifests

/// `kubectl create <kind>` sends protobuf; the simple kinds are understood.
@Suite struct ProtobufBodyTests {
    @Test func kubectlCreateOfNamespacesConfigMapsSecretsAndServiceAccounts() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kubectl("create", "namespace", "made").stdout == "namespace/made created\n")
            #expect(try await cluster.kubectl("create", "configmap", "c", "-n", "made", "--from-literal=a=1", "--from-literal=b=2").status == 0)
            #expect(try await cluster.kubectl("create", "secret", "generic", "s", "-n", "made", "--from-literal=pw=hunter2").status == 0)
            #expect(try await cluster.kubectl("create", "serviceaccount", "bot", "-n", "made").status == 0)
            #expect(try await cluster.kubectl("get", "cm", "c", "-n", "made", "-o", "jsonpath={.data}").stdout == #"{"a":"1","b":"2"}"#)
            let secret = try await cluster.kubectl("get", "secret", "s", "-n", "made", "-o", "jsonpath={.type} {.data.pw}").stdout
            #expect(secret == "Opaque " + Data("hunter2".utf8).base64EncodedString())
            let namespace = try await cluster.kubectl("get", "ns", "made", "-o", "jsonpath={.metadata.generateName}|{.status.phase}").stdout
            #expect(namespace == "|Active")
            let deployment = try await cluster.kubectl("create", "deployment", "d", "--image=nginx")
            #expect(deployment.status != 0)
            #expect(deployment.stderr.contains("send Deployment as application/json"))
        }
    }
}
