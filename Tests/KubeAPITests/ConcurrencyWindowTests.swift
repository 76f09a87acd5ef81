import Foundation
import Manifests
import Testing
@testable import KubeAPI

/// The client's adaptive window of requests in flight: narrowed by 429s (API Priority and
/// Fairness) and by answers far slower than usual, widened as answers come, never past its bounds.
@Suite struct ConcurrencyWindowTests {
    @Test func tooManyRequestsHalvesTheWindowAndAnswersWidenIt() async {
        let window = ConcurrencyWindow(initial: 16, maximum: 20)
        await window.acquire()
        await window.release(status: 429, latency: .milliseconds(5), retryAfter: nil)
        #expect(await window.limit == 8)
        for _ in 0..<200 {
            await window.acquire()
            await window.release(status: 200, latency: .milliseconds(5), retryAfter: nil)
        }
        #expect(await window.limit == 20, "widened back up to its maximum, not past it")
        for _ in 0..<10 {
            await window.acquire()
            await window.release(status: 429, latency: .milliseconds(5), retryAfter: nil)
        }
        #expect(await window.limit == 1, "never below one request")
    }

    @Test func answersFarSlowerThanUsualNarrowTheWindow() async {
        let window = ConcurrencyWindow(initial: 16, maximum: 64)
        await window.acquire()
        await window.release(status: 200, latency: .milliseconds(10), retryAfter: nil)
        let before = await window.limit
        await window.acquire()
        await window.release(status: 200, latency: .seconds(2), retryAfter: nil)
        #expect(await window.limit < before)
    }

    @Test func throttledWritesSucceedAndNarrowTheClientsWindow() async throws {
        try await withCluster(options: KubeClientOptions(retryPolicy: RetryPolicy(maxAttempts: 8, initialDelay: .milliseconds(10)))) { cluster in
            // The API server's priority and fairness answering 429 with Retry-After: 1.
            try await cluster.setFaults(#"{"rules": [{"verbs": ["create"], "status": 429, "retryAfterSeconds": 1, "count": 3}]}"#)
            let client = cluster.client
            let created = try await withThrowingTaskGroup(of: JSON.self) { group in
                for index in 0..<6 { group.addTask { try await client.create(configMap("throttled-\(index)")) } }
                var all: [JSON] = []
                for try await object in group { all.append(object) }
                return all
            }
            #expect(created.count == 6)
            #expect(try await cluster.faults()["rules"]?[0]?["count"]?.intValue == 0)
            #expect(await client.transport.window.limit < 16, "three 429s narrowed the window")
        }
    }
}
