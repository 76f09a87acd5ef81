import Foundation
import MetricsTestKit
import Testing
@testable import Notify
import TestSupport

/// Sending over real HTTP to receivers on loopback: retries and back-off, 429's Retry-After,
/// receivers that never answer, the bounded backlog, order, and the counters.
@Suite struct DeliveryTests {
    static let fast = DeliveryPolicy(timeout: .seconds(2), attempts: 3, backoff: .milliseconds(50), maximumDelay: .milliseconds(200),
                                     maximumRetryAfter: .seconds(10), backlog: 3)

    func withReceiver<T>(_ answer: @escaping @Sendable (LoopbackReceiver.Request, Int) -> LoopbackReceiver.Answer,
                         _ body: (LoopbackReceiver) async throws -> T) async throws -> T {
        let receiver = try await LoopbackReceiver.start(answer: answer)
        do {
            let result = try await body(receiver)
            await receiver.stop()
            return result
        } catch {
            await receiver.stop()
            throw error
        }
    }

    func request(_ receiver: LoopbackReceiver, _ text: String) -> NotificationRequest {
        NotificationRequest(url: receiver.url + "/hook", json: ["text": .string(text)])
    }

    func lane(_ metrics: TestMetrics, policy: DeliveryPolicy = fast) -> DeliveryLane {
        DeliveryLane(target: "chat", policy: policy, sender: HTTPDelivery(), metrics: NotifyMetrics(factory: metrics), log: { _ in })
    }

    func count(_ metrics: TestMetrics, event: String, _ result: NotifyMetrics.Result) -> Int64 {
        metrics.counterTotal(label: NotifyMetrics.total, dimensions: [("target", "chat"), ("event", event), ("result", result.rawValue)])
    }

    @Test func serverErrorsAreRetriedWithBackOffUntilAccepted() async throws {
        try await withReceiver({ _, index in index < 2 ? .status(500, body: "boom") : .ok }) { receiver in
            let metrics = TestMetrics()
            let lane = lane(metrics)
            await lane.enqueue(Delivery(event: "sync-failed", request: request(receiver, "hello")))
            await lane.waitUntilIdle()
            let requests = receiver.requests
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/hook" && $0.json?["text"] as? String == "hello" })
            #expect(requests[1].receivedAt - requests[0].receivedAt >= .milliseconds(50))
            #expect(count(metrics, event: "sync-failed", .success) == 1 && count(metrics, event: "sync-failed", .failure) == 0)
        }
    }

    @Test func rateLimitedWaitsTheRetryAfterItWasGiven() async throws {
        try await withReceiver({ _, index in index == 0 ? .status(429, headers: [("Retry-After", "2")], body: "slow down") : .ok }) { receiver in
            let metrics = TestMetrics()
            let lane = lane(metrics)
            await lane.enqueue(Delivery(event: "auto-rollback", request: request(receiver, "once")))
            await lane.waitUntilIdle()
            let requests = receiver.requests
            #expect(requests.count == 2)
            #expect(requests[1].receivedAt - requests[0].receivedAt >= .seconds(2), "Retry-After: 2 honoured")
            #expect(count(metrics, event: "auto-rollback", .success) == 1)
        }
    }

    @Test func refusalsAreNotRetriedAndCountAsFailures() async throws {
        try await withReceiver({ _, _ in .status(404, body: "no_service") }) { receiver in
            let metrics = TestMetrics()
            let lane = lane(metrics)
            await lane.enqueue(Delivery(event: "sync-failed", request: request(receiver, "x")))
            await lane.waitUntilIdle()
            #expect(receiver.requests.count == 1)
            #expect(count(metrics, event: "sync-failed", .failure) == 1)
        }
    }

    @Test func aReceiverThatNeverAnswersCostsTheTimeoutPerAttemptThenFails() async throws {
        try await withReceiver({ _, _ in .hang }) { receiver in
            let metrics = TestMetrics()
            var policy = Self.fast
            policy.attempts = 2
            policy.timeout = .milliseconds(500)
            let lane = lane(metrics, policy: policy)
            let start = ContinuousClock.now
            await lane.enqueue(Delivery(event: "sync-failed", request: request(receiver, "x")))
            // Under the 500 ms a first attempt takes against the hanging receiver (margin for load).
            #expect(ContinuousClock.now - start < .milliseconds(450), "queuing never waits for the receiver")
            await lane.waitUntilIdle()
            #expect(ContinuousClock.now - start >= .seconds(1))
            let attempts = try await receiver.waitForRequests(2)
            #expect(attempts.count == 2)
            #expect(count(metrics, event: "sync-failed", .failure) == 1)
        }
    }

    @Test func messagesGoInOrderAndAFullBacklogDropsTheOldest() async throws {
        // The first message hangs until its one attempt times out; five more queue behind it.
        try await withReceiver({ _, index in index == 0 ? .hang : .ok }) { receiver in
            let metrics = TestMetrics()
            var policy = Self.fast
            policy.attempts = 1
            policy.timeout = .seconds(1)
            let lane = lane(metrics, policy: policy)
            await lane.enqueue(Delivery(event: "e", request: request(receiver, "m0")))
            try await receiver.waitForRequests(1)
            for index in 1...5 { await lane.enqueue(Delivery(event: "e", request: request(receiver, "m\(index)"))) }
            await lane.waitUntilIdle()
            #expect(receiver.requests.compactMap { $0.json?["text"] as? String } == ["m0", "m3", "m4", "m5"], "backlog 3: m1 and m2 dropped")
            #expect(metrics.counterTotal(label: NotifyMetrics.dropped, dimensions: [("target", "chat")]) == 2)
            #expect(count(metrics, event: "e", .failure) == 1 && count(metrics, event: "e", .success) == 3)
        }
    }
}
