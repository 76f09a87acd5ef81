import Foundation
import LuaSandbox
import Manifests
@testable import Reconciler
import Testing

/// Lua checks in the wait after an apply, against the local cluster: a check's Degraded fails the
/// wait at once; a check that loops is cut off, its object Unknown, and the wait ends at its
/// timeout like any object that does not settle.
@Suite struct HealthCheckWaitTests {
    func checks(_ pattern: String, _ source: String) throws -> HealthChecks {
        HealthChecks(scripts: [try HealthScript(pattern: #require(GroupKindPattern(pattern)), source: source, name: "\(pattern).lua")],
                     limits: LuaLimits(instructions: 200_000))
    }

    @Test func aChecksDegradedFailsTheWaitAtOnce() async throws {
        try await withCluster(timeScale: 100) { cluster in
            let objects = [Manifest.namespace("apps"), Manifest.configMap("flags", data: ["SIGNUP": "open"])]
            #expect(try await Pipeline(cluster: cluster.client).sync(objects).succeeded)
            let checks = try checks("ConfigMap", """
                if obj.data.SIGNUP == "open" then return { status = "Degraded", message = "signup must stay closed" } end
                return { status = "Healthy" }
                """)
            let start = ContinuousClock.now
            let (health, decision) = try await HealthMonitor(cluster: cluster.client, pollInterval: .milliseconds(50), checks: checks)
                .wait(environment: "test", identities: objects.compactMap { ObjectIdentity(of: $0) }, timeout: .seconds(60))
            #expect(ContinuousClock.now - start < .seconds(30))
            #expect(decision == .failed("Degraded: ConfigMap apps/flags: signup must stay closed"), "\(health)")
        }
    }

    @Test func aLoopingCheckCannotHoldTheWaitBeyondItsTimeout() async throws {
        try await withCluster(timeScale: 100) { cluster in
            let objects = [Manifest.namespace("apps"), Manifest.configMap("flags")]
            #expect(try await Pipeline(cluster: cluster.client).sync(objects).succeeded)
            let monitor = HealthMonitor(cluster: cluster.client, pollInterval: .milliseconds(50), checks: try checks("ConfigMap", "while true do end"))
            let identities = objects.compactMap { ObjectIdentity(of: $0) }
            let health = try await monitor.assess(environment: "test", identities: identities)
            #expect(health.status == .unknown)
            #expect(health.description == "Unknown: ConfigMap apps/flags: ConfigMap.lua:1: instruction budget exceeded")
            let (_, decision) = try await monitor.wait(environment: "test", identities: identities, timeout: .milliseconds(500))
            guard case .failed(let message) = decision else { Issue.record("expected a failure, got \(decision)"); return }
            #expect(message.hasPrefix("Degraded: timed out after 500ms waiting for health; Unknown: ConfigMap apps/flags"), "\(message)")
        }
    }
}
