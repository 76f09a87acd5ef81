import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

@Suite struct ServerCoreTests {
    @Test func requestsWithoutOrWithWrongTokenAreUnauthorized() async throws {
        try await withCluster { cluster in
            let missing = try await cluster.curl("/api/v1/namespaces", token: .some(nil))
            #expect(missing.httpStatus == 401)
            let status = try JSON(parsing: missing.httpBody)
            #expect(status["reason"] == "Unauthorized")
            #expect(status["kind"] == "Status")
            let wrong = try await cluster.curl("/api/v1/namespaces", token: "not-the-token")
            #expect(wrong.httpStatus == 401)
            let right = try await cluster.curl("/api/v1/namespaces")
            #expect(right.httpStatus == 200)
            let wrongPrefix = try await cluster.curl("/auth/wrong/api/v1/namespaces", token: .some(nil))
            #expect(wrongPrefix.httpStatus == 401)
        }
    }

    @Test func kubeconfigNamesEverythingMooringLocal() async throws {
        try await withCluster { cluster in
            let text = try String(contentsOfFile: cluster.server.kubeconfigPath, encoding: .utf8)
            #expect(text.contains("current-context: mooring-local"))
            #expect(text.contains("token: \(cluster.server.token)"))
            #expect(cluster.server.url == "http://127.0.0.1:\(cluster.server.port)")
            let context = try await cluster.kubectl("config", "current-context")
            #expect(context.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "mooring-local")
        }
    }

    @Test func versionAndHealthAreServed() async throws {
        try await withCluster { cluster in
            let version = try JSON(parsing: try await cluster.curl("/version", token: .some(nil)).httpBody)
            #expect(version["major"] == "1")
            #expect(version["minor"] == "32")
            #expect(try await cluster.curl("/healthz").httpBody == "ok")
            #expect(try await cluster.curl("/readyz").httpBody == "ok")
            let kubectl = try await cluster.kubectl("version", "-o", "json")
            #expect(kubectl.status == 0)
            #expect(try JSON(parsing: kubectl.stdout)[path: ["serverVersion", "gitVersion"]] == "v1.32.0")
        }
    }

    @Test func aggregatedDiscoveryHasTheExactContentType() async throws {
        try await withCluster { cluster in
            let accept = "Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
            let result = try await Command.run("curl", ["-s", "-D", "-", "-o", "/dev/null", "-H", accept,
                                                  "-H", "Authorization: Bearer \(cluster.server.token)", cluster.server.url + "/apis"],
                                         environment: [:], input: nil)
            #expect(result.stdout.contains("Content-Type: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList\r\n"))
            let resources = try await cluster.kubectl("api-resources", "-o", "name")
            #expect(resources.status == 0)
            #expect(resources.stdout.contains("deployments.apps"))
            #expect(resources.stdout.contains("customresourcedefinitions.apiextensions.k8s.io"))
        }
    }

    @Test func freshClusterHasSystemNamespacesAndDefaultServiceAccounts() async throws {
        try await withCluster { cluster in
            let namespaces = try await cluster.kubectl("get", "namespaces", "-o", "name")
            for name in ["default", "kube-system", "kube-public"] { #expect(namespaces.stdout.contains("namespace/\(name)")) }
            let accounts = try await cluster.kubectl("get", "serviceaccounts", "-A", "--no-headers")
            #expect(accounts.stdout.split(separator: "\n").count >= 3)
        }
    }
}
