import Foundation
import Manifests
import TestSupport
import Testing
@testable import KubeAPI

/// Retries, throttling and concurrency, proven with the local cluster's fault injection
/// (and nginx's access log where a server must keep failing).
@Suite struct RetryTests {
    static let quickRetries = KubeClientOptions(retryPolicy: RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(10), maxDelay: .milliseconds(50)))

    @Test func getSucceedsAfterInjected503s() async throws {
        try await withCluster(options: Self.quickRetries) { cluster in
            _ = try await cluster.client.create(configMap("sturdy"))
            try await cluster.setFaults(#"{"rules": [{"verbs": ["get"], "pathPrefix": "/api/v1/namespaces/default/configmaps", "status": 503, "count": 2}]}"#)
            let before = cluster.client.requestsSent
            let object = try await cluster.client.get(.configMap, name: "sturdy")
            #expect(object[path: ["metadata", "name"]]?.stringValue == "sturdy")
            #expect(cluster.client.requestsSent - before == 3)
            #expect(try await cluster.faults()["rules"]?[0]?["count"]?.intValue == 0)
        }
    }

    @Test func retryAfterOf429IsHonoured() async throws {
        try await withCluster(options: Self.quickRetries) { cluster in
            try await cluster.setFaults(#"{"rules": [{"verbs": ["get", "list"], "pathPrefix": "/api/v1/namespaces/default/configmaps", "status": 429, "retryAfterSeconds": 1, "count": 1}]}"#)
            let clock = ContinuousClock()
            let before = cluster.client.requestsSent
            let started = clock.now
            _ = try await cluster.client.getJSON("/api/v1/namespaces/default/configmaps")
            let elapsed = started.duration(to: clock.now)
            #expect(elapsed >= .milliseconds(950), "waited the server's Retry-After, not the 10 ms back-off")
            #expect(cluster.client.requestsSent - before == 2)
        }
    }

    @Test func createIsNotRetriedBlindlyAfterA503() async throws {
        try await withCluster(options: Self.quickRetries) { cluster in
            _ = try await cluster.client.resource(for: .configMap)
            try await cluster.setFaults(#"{"rules": [{"verbs": ["create"], "status": 503, "count": 1}]}"#)
            let before = cluster.client.requestsSent
            await #expect { try await cluster.client.create(configMap("once")) } throws: { ($0 as? APIError)?.reason == .serviceUnavailable }
            #expect(cluster.client.requestsSent - before == 1, "a POST that may have been processed is not sent again")
            await #expect { try await cluster.client.get(.configMap, name: "once") } throws: { ($0 as? APIError)?.reason == .notFound }
        }
    }

    @Test func createIsRetriedAfterA429() async throws {
        try await withCluster(options: Self.quickRetries) { cluster in
            _ = try await cluster.client.resource(for: .configMap)
            try await cluster.setFaults(#"{"rules": [{"verbs": ["create"], "status": 429, "count": 1}]}"#)
            let before = cluster.client.requestsSent
            _ = try await cluster.client.create(configMap("throttled"))
            #expect(cluster.client.requestsSent - before == 2, "429 means the server did nothing: safe to send again")
            #expect(try await cluster.client.get(.configMap, name: "throttled")[path: ["metadata", "name"]]?.stringValue == "throttled")
        }
    }

    @Test func droppedConnectionIsRetriedForIdempotentRequests() async throws {
        try await withCluster(options: Self.quickRetries) { cluster in
            _ = try await cluster.client.create(configMap("dropped"))
            try await cluster.setFaults(#"{"rules": [{"verbs": ["get"], "dropConnection": true, "count": 1}]}"#)
            let before = cluster.client.requestsSent
            let object = try await cluster.client.get(.configMap, name: "dropped")
            #expect(object[path: ["metadata", "name"]]?.stringValue == "dropped")
            #expect(cluster.client.requestsSent - before == 2)
        }
    }

    @Test func retriesGiveUpAfterMaxAttempts() async throws {
        try await withCluster(options: Self.quickRetries) { cluster in
            _ = try await cluster.client.resource(for: .configMap)
            try await cluster.setFaults(#"{"rules": [{"verbs": ["get", "list"], "pathPrefix": "/api/v1/configmaps", "status": 503}]}"#)
            let before = cluster.client.requestsSent
            await #expect { try await cluster.client.list(.configMap) } throws: { ($0 as? APIError)?.reason == .serviceUnavailable }
            #expect(cluster.client.requestsSent - before == 4)
        }
    }

    @Test func nonIdempotentRequestsAreNotRetriedOn5xxButAreOn429() async throws {
        let fixture = try await AuthFixture.started()
        let connection = ClusterConnection(server: fixture.server)
        let client = KubeClient(connection: connection, options: Self.quickRetries)
        let transport = client.transport
        await #expect(throws: APIError.self) {
            try await transport.send(.init(method: .post, path: "/status/503", body: [], idempotent: false, timeout: .seconds(5)))
        }
        #expect(fixture.nginx.requestCount(containing: "POST /status/503") == 1)
        await #expect(throws: APIError.self) {
            try await transport.send(.init(method: .get, path: "/status/503", idempotent: true, timeout: .seconds(5)))
        }
        #expect(fixture.nginx.requestCount(containing: "GET /status/503") == 4)
        let notFound = await #expect(throws: APIError.self) { try await client.getJSON("/status/404") }
        #expect(notFound?.reason == .notFound && notFound?.status.name == "x" && notFound?.status.message == "things x not found")
        #expect(fixture.nginx.requestCount(containing: "GET /status/404") == 1, "a 404 is final")
    }

    @Test func connectionRefusedIsATransportErrorWithCurlsMessage() async throws {
        let port = try LoopbackPort.free()
        let client = KubeClient(connection: ClusterConnection(server: "http://user:pw-secret@127.0.0.1:\(port)/auth/token-secret"), options: noRetries)
        let error = await #expect(throws: TransportError.self) { try await client.version() }
        #expect(error?.message.contains("127.0.0.1") == true && error?.message.contains("\(port)") == true, "\(String(describing: error))")
        #expect(error?.beforeSending == true)
        #expect(error.map { !"\($0)".contains("secret") } == true, "credentials in the server URL stay out of errors")
    }

    @Test func rateLimiterSpacesRequests() async throws {
        try await withCluster(options: KubeClientOptions(rateLimit: RateLimit(qps: 20, burst: 1), retryPolicy: .none)) { cluster in
            let clock = ContinuousClock()
            _ = try await cluster.client.version()
            let started = clock.now
            for _ in 0..<10 { _ = try await cluster.client.version() }
            #expect(started.duration(to: clock.now) >= .milliseconds(450), "10 requests at 20 per second")
        }
    }

    @Test func requestsRunConcurrently() async throws {
        try await withCluster(options: KubeClientOptions(rateLimit: nil, retryPolicy: .none)) { cluster in
            _ = try await cluster.client.create(configMap("slow"))
            try await cluster.setFaults(#"{"rules": [{"verbs": ["get"], "latencyMilliseconds": 500}]}"#)
            let clock = ContinuousClock()
            let started = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 { group.addTask { _ = try await cluster.client.get(.configMap, name: "slow") } }
                try await group.waitForAll()
            }
            // Sixteen 500 ms requests one after another would take 8 s; the margin is for loaded CI machines.
            #expect(started.duration(to: clock.now) < .seconds(4))
        }
    }

    @Test func errorStatusesAreTyped() async throws {
        let fixture = try await AuthFixture.started()
        let client = KubeClient(connection: ClusterConnection(server: fixture.server), options: Self.quickRetries)
        let forbidden = await #expect(throws: APIError.self) { try await client.getJSON("/status/403") }
        #expect(forbidden?.reason == .forbidden && forbidden?.status.kind == "configmaps")
        #expect(fixture.nginx.requestCount(containing: "GET /status/403") == 1)
        let timeout = await #expect(throws: APIError.self) { try await client.getJSON("/status/server-timeout") }
        #expect(timeout?.reason == .serverTimeout && timeout?.status.code == 500 && timeout?.status.retryAfterSeconds == 0)
        #expect(fixture.nginx.requestCount(containing: "GET /status/server-timeout") == 4, "a 500 on a GET is retried")
        // A proxy's HTML error page still becomes a typed error with the HTTP code.
        let html = await #expect(throws: APIError.self) { try await client.getJSON("/status/html") }
        #expect(html?.status.code == 502 && html?.status.message.contains("Bad Gateway") == true)
    }
}
