import Foundation
import Manifests
import TestSupport
import Testing
@testable import KubeAPI

/// The transport's small parts on their own, and `proxy-url` through nginx acting as the proxy.
@Suite struct TransportPartsTests {
    @Test func retryAfterIsObeyedAndCapped() {
        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(100), maxDelay: .seconds(1), maxRetryAfter: .seconds(10))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3") == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "60") == nil, "longer than maxRetryAfter: give up rather than stall")
        for attempt in 1...8 {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)!
            let ceiling = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(1))
            #expect(delay <= ceiling && delay >= ceiling / 2, "attempt \(attempt): \(delay)")
        }
        #expect(policy.mayRetry(status: 503, idempotent: true))
        #expect(!policy.mayRetry(status: 503, idempotent: false))
        #expect(policy.mayRetry(status: 429, idempotent: false))
        #expect(!policy.mayRetry(status: 409, idempotent: true))
    }

    @Test func watchLinesSurviveAnyChunking() throws {
        let events = (0..<20).map { #"{"type":"ADDED","object":{"metadata":{"name":"n\#($0)"}}}"# }
        let stream = Array((events.joined(separator: "\n") + "\n").utf8)
        for size in [1, 3, 7, 64, stream.count] {
            var splitter = LineSplitter()
            var lines: [[UInt8]] = []
            var offset = 0
            while offset < stream.count {
                lines += splitter.append(Array(stream[offset..<min(offset + size, stream.count)]))
                offset += size
            }
            #expect(lines.map { String(decoding: $0, as: UTF8.self) } == events, "chunks of \(size)")
        }
    }

    @Test func serverAddressesParse() {
        #expect(ServerAddress(url: "https://10.0.0.1:6443/base")?.authority == "10.0.0.1:6443")
        #expect(ServerAddress(url: "https://[fd00::1]:443")?.host == "fd00::1")
        #expect(ServerAddress(url: "https://[fd00::1]")?.authority == "[fd00::1]:443")
        #expect(ServerAddress(url: "http://user:pw@example.com/x?y")?.host == "example.com")
        #expect(ServerAddress(url: "http://example.com/x?y")?.rest == "/x?y")
        #expect(ServerAddress(url: "not a url") == nil)
        #expect(PathSegment.escape("a b/c=d,e!f") == "a%20b%2Fc%3Dd%2Ce%21f")
        #expect(PathSegment.query([("labelSelector", "app in (a,b)"), ("limit", nil)]) == "?labelSelector=app%20in%20%28a%2Cb%29")
    }

    @Test func inClusterHostIsBracketedForIPv6() throws {
        let root = try TemporaryFolder("sa-ipv6")
        try root.write("token", "t")
        try root.write("ca.crt", "CA")
        let connection = try InClusterConfiguration.connection(
            root: root.path, environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"])
        #expect(connection.server == "https://[fd00::1]:443")
        #expect(connection.namespace == "default")
    }

    /// The cluster's host does not resolve; only the proxy can reach "it".
    @Test func proxyURLIsHonoured() async throws {
        let proxy = try await AuthFixture.started()
        let directory = try TemporaryFolder("proxy")
        let file = try directory.write("config", KubeconfigFixture.single(
            cluster: ["server": "http://kube.mooring.invalid:8080", "proxy-url": .string(proxy.server)], user: [:]))
        let client = try KubeClient(kubeconfig: try Kubeconfig.load(files: [file]), options: noRetries)
        let version = try await client.version()
        #expect(version["gitVersion"]?.stringValue == "v1.32.0-via-nginx")
        #expect(version["host"]?.stringValue == "kube.mooring.invalid")
        #expect(proxy.nginx.requestCount(containing: "GET http://kube.mooring.invalid:8080/version") == 1)
        let direct = try Kubeconfig.load(files: [try directory.write("direct", KubeconfigFixture.single(
            cluster: ["server": "http://kube.mooring.invalid:8080"], user: [:]))])
        await #expect(throws: TransportError.self) { try await KubeClient(kubeconfig: direct, options: noRetries).version() }
    }
}
